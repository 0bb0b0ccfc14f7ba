/** The audit processor's environment, read once at cold start. */
import { z } from "zod";
import { parseEnv } from "../processing/env";

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

const schema = z.object({
  AUDIT_TABLE_NAME: z
    .string({ error: "is required (the DynamoDB audit table name)" })
    .regex(TABLE_NAME, "must be a DynamoDB table name: 3-255 of A-Z a-z 0-9 _ . -"),
  AUDIT_TOPIC_ARN: z.string().regex(SNS_TOPIC_ARN, "must be an SNS topic ARN").optional(),
});

export interface AuditProcessorConfig {
  readonly tableName: string;
  readonly allowedTopicArn?: string;
}

export function readAuditConfig(env: Readonly<Record<string, string | undefined>>): AuditProcessorConfig {
  const parsed = parseEnv(schema, env);
  return {
    tableName: parsed.AUDIT_TABLE_NAME,
    ...(parsed.AUDIT_TOPIC_ARN ? { allowedTopicArn: parsed.AUDIT_TOPIC_ARN } : {}),
  };
}
