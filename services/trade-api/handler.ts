/**
 * AWS Lambda entry point (API Gateway REST proxy integration). Bundled with esbuild for
 * nodejs22.x on arm64; export `handler`. Configuration: see README.md and config.ts.
 */
import { SNSClient } from "@aws-sdk/client-sns";
import { createObservability } from "../shared/observability";
import { createTracer } from "../shared/tracing";
import { createTradeApi, type TradeApi } from "./app";
import { SnsAuditPublisher } from "./audit";
import { createTradeApiHandler, type TradeApiLambda } from "./lambda";
import { loadConfig } from "./config";
import { createPool } from "./db-connection";
import { StaticRateSource } from "./domain/pricing";
import { PgOrderStore } from "./store/pg-store";

const observability = createObservability({ serviceName: "trade-api" });
const { logger } = observability;
const tracer = createTracer("trade-api");

async function init(): Promise<TradeApi> {
  const config = loadConfig(process.env);
  // IAM auth on AWS (config.ts): the role's own credentials sign the tokens; no secret is read.
  const onIdleError = (err: Error) => logger.warn("idle database connection lost; it will be replaced", { error: err });
  const pool = await createPool(config, { onIdleError });
  // Order reads on the reader endpoint when one is configured (prod); the writer otherwise.
  const readPool = config.reader ? await createPool(config.reader, { onIdleError }) : pool;
  const sns = tracer.captureAWSv3Client(new SNSClient({}));
  const rates = new StaticRateSource();
  return createTradeApi({
    store: new PgOrderStore(pool, undefined, readPool),
    // The REST API's Lambda authorizer (authorizer-handler.ts) checked the key before this runs.
    auth: { kind: "gateway-authorizer" },
    rates,
    allowedPairs: config.allowedPairs,
    audit: new SnsAuditPublisher(sns, config.auditTopicArn),
    observability,
  });
}

export const handler: TradeApiLambda = createTradeApiHandler({ ...observability, tracer }, init);
