/**
 * AWS Lambda entry point of the trade API's REQUEST authorizer (authorizer.ts). Bundled as
 * `trade-api-authorizer`. Environment: API_KEYS_TABLE (the api-keys table), AUDIT_TOPIC_ARN
 * (denials are audited), read once at cold start.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SNSClient } from "@aws-sdk/client-sns";
import type { APIGatewayAuthorizerResult, Context } from "aws-lambda";
import { z } from "zod";
import { withPowertools } from "../shared/lambda";
import { createObservability } from "../shared/observability";
import { SnsAuditPublisher } from "./audit";
import { DynamoApiKeyStore } from "./auth";
import { createAuthorizer, type Authorizer } from "./authorizer";

const observability = createObservability({ serviceName: "trade-api-authorizer" });
const { logger } = observability;

const envSchema = z.object({
  API_KEYS_TABLE: z.string().min(3, "must name the DynamoDB api-keys table"),
  AUDIT_TOPIC_ARN: z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:.+$/, "must be the audit topic's ARN"),
});

/** Every problem with the environment at once, naming the variable. */
export function loadAuthorizerConfig(env: Readonly<Record<string, string | undefined>>): z.infer<typeof envSchema> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new Error(
      `trade-api-authorizer configuration is invalid:\n- ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("\n- ")}`,
    );
  return parsed.data;
}

let authorizer: Authorizer | undefined;

export const handler: (event: unknown, context?: Context) => Promise<APIGatewayAuthorizerResult> = withPowertools(
  observability,
  async (event: unknown) => {
    if (!authorizer) {
      const config = loadAuthorizerConfig(process.env);
      authorizer = createAuthorizer({
        store: new DynamoApiKeyStore(new DynamoDBClient({}), config.API_KEYS_TABLE),
        audit: new SnsAuditPublisher(new SNSClient({}), config.AUDIT_TOPIC_ARN),
        logger,
      });
    }
    return authorizer(event);
  },
);
