/**
 * AWS Lambda entry point (API Gateway REST proxy integration). Bundled with esbuild for
 * nodejs22.x on arm64; export `handler`. Configuration: see README.md and config.ts.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SNSClient } from "@aws-sdk/client-sns";
import { createObservability } from "../shared/observability";
import { createTracer } from "../shared/tracing";
import { createTradeApi, type TradeApi } from "./app";
import { SnsAuditPublisher } from "./audit";
import { CachingApiKeyStore, DynamoApiKeyStore } from "./auth";
import { loadConfig } from "./config";
import { createPool } from "./db-connection";
import { StaticRateSource } from "./domain/pricing";
import { PgOrderStore } from "./store/pg-store";

const observability = createObservability({ serviceName: "trade-api" });
const { logger, metrics } = observability;
const tracer = createTracer("trade-api");

let ready: Promise<TradeApi> | undefined;

async function init(): Promise<TradeApi> {
  const config = loadConfig(process.env);
  // IAM auth on AWS (config.ts): the role's own credentials sign the tokens; no secret is read.
  const pool = await createPool(config, {
    onIdleError: (err) => logger.warn("idle database connection lost; it will be replaced", { error: err }),
  });
  const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({}));
  const sns = tracer.captureAWSv3Client(new SNSClient({}));
  const rates = new StaticRateSource();
  return createTradeApi({
    store: new PgOrderStore(pool),
    apiKeys: new CachingApiKeyStore(new DynamoApiKeyStore(dynamo, config.apiKeysTable), config.apiKeyCacheTtlMs),
    rates,
    allowedPairs: config.allowedPairs,
    audit: new SnsAuditPublisher(sns, config.auditTopicArn),
    observability,
  });
}

export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  logger.addContext(context);
  const segment = tracer.getSegment();
  const subsegment = segment?.addNewSubsegment("## trade-api");
  if (subsegment) tracer.setSegment(subsegment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  try {
    ready ??= init().catch((err: unknown) => {
      ready = undefined; // let the next invocation retry a failed cold start
      throw err;
    });
    const api = await ready;
    return await api(event);
  } catch (err) {
    // Only start-up failures reach here; the API itself answers every request.
    logger.error("trade-api failed to start", { error: err as Error });
    return {
      statusCode: 503,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
      body: JSON.stringify({
        error: {
          code: "SERVICE_UNAVAILABLE",
          message: "service is starting or misconfigured; retry later",
          details: [],
        },
      }),
    };
  } finally {
    subsegment?.close();
    if (segment) tracer.setSegment(segment);
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
}
