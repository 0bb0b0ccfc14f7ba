/**
 * Lambda entry point (nodejs22.x, arm64; esbuild bundles this file, export `handler`).
 * Event source: S3 ObjectCreated notifications from the ingestion bucket (asynchronous invoke).
 * Environment: see README.md. Built once per execution environment, on the first invocation.
 */
import { S3Client } from "@aws-sdk/client-s3";
import type { Context } from "aws-lambda";
import { withPowertools } from "../shared/lambda";
import { fromPowertools } from "../processing/telemetry";
import { createObservability } from "../shared/observability";
import { createTracer } from "../shared/tracing";
import { readDataConfig } from "./config";
import { createDataHandler, type RecordResult } from "./dispatch";
import { S3ObjectStore } from "./s3-object-store";

export type DataLambda = (event: unknown, context: Context) => Promise<readonly RecordResult[]>;

export function buildDataLambda(env: Readonly<Record<string, string | undefined>>): DataLambda {
  const settings = readDataConfig(env);
  const observability = {
    ...createObservability({ serviceName: "data-processor" }),
    tracer: createTracer("data-processor"),
  };
  const s3 = observability.tracer.captureAWSv3Client(new S3Client({}));
  const run = createDataHandler({ store: new S3ObjectStore(s3), telemetry: fromPowertools(observability), settings });
  return withPowertools(observability, (event: unknown) => run(event));
}

let built: DataLambda | undefined;

export const handler: DataLambda = (event, context) => {
  built ??= buildDataLambda(process.env);
  return built(event, context);
};
