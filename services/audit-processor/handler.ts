/**
 * Lambda entry point (nodejs22.x, arm64; bundled by esbuild from this file, export `handler`).
 * Event source: the audit SQS queue, batch size 100, FunctionResponseTypes ReportBatchItemFailures.
 * Environment: see README.md. Everything is built once per cold start.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { withPowertools } from "../processing/lambda-wrapper";
import { fromPowertools } from "../processing/telemetry";
import { createObservability } from "../shared/observability";
import { createAuditHandler } from "./batch";
import { readAuditConfig } from "./config";
import { DynamoDbAuditStore } from "./dynamodb-store";

const config = readAuditConfig(process.env);
const observability = createObservability({ serviceName: "audit-processor" });
const dynamodb = observability.tracer.captureAWSv3Client(new DynamoDBClient({}));

export const handler = withPowertools(
  observability,
  createAuditHandler({
    store: new DynamoDbAuditStore(dynamodb, config.tableName),
    telemetry: fromPowertools(observability),
    allowedTopicArn: config.allowedTopicArn,
  }),
);
