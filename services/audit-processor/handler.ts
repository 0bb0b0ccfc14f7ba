/**
 * Lambda entry point (nodejs22.x, arm64; esbuild bundles this file, export `handler`).
 * Event source: the audit SQS queue, batch size 100, FunctionResponseTypes ReportBatchItemFailures.
 * Environment: see README.md. Built once per execution environment, on the first invocation, so
 * a bad environment fails that invocation with a ConfigError naming the variables.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { withPowertools } from "../shared/lambda";
import { fromPowertools } from "../processing/telemetry";
import { createObservability } from "../shared/observability";
import { createTracer } from "../shared/tracing";
import { createAuditHandler } from "./batch";
import { readAuditConfig } from "./config";
import { DynamoDbAuditStore } from "./dynamodb-store";

export type AuditLambda = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** Wires config, Powertools and the DynamoDB client from `env`. */
export function buildAuditLambda(env: Readonly<Record<string, string | undefined>>): AuditLambda {
  const config = readAuditConfig(env);
  const observability = {
    ...createObservability({ serviceName: "audit-processor" }),
    tracer: createTracer("audit-processor"),
  };
  const dynamodb = observability.tracer.captureAWSv3Client(new DynamoDBClient({}));
  const store = new DynamoDbAuditStore(dynamodb, config.tableName);
  const run = createAuditHandler({
    store,
    telemetry: fromPowertools(observability),
    allowedTopicArn: config.allowedTopicArn,
  });
  return withPowertools(observability, (event: SQSEvent, context) => run(event, context));
}

let built: AuditLambda | undefined;

export const handler: AuditLambda = (event, context) => {
  built ??= buildAuditLambda(process.env);
  return built(event, context);
};
