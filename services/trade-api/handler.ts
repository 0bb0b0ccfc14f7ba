/**
 * AWS Lambda entry point (API Gateway REST proxy integration). Bundled with esbuild for
 * nodejs22.x on arm64; export `handler`. Configuration: see README.md and config.ts.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SNSClient } from "@aws-sdk/client-sns";
import { Pool } from "pg";
import { createObservability } from "../shared/observability";
import { createTracer } from "../shared/tracing";
import { createTradeApi, type TradeApi } from "./app";
import { SnsAuditPublisher } from "./audit";
import { CachingApiKeyStore, DynamoApiKeyStore } from "./auth";
import { loadConfig, type DatabaseConfig } from "./config";
import { fetchDbSecret } from "./db-secret";
import { StaticRateSource } from "./domain/pricing";
import { PgOrderStore } from "./store/pg-store";

const observability = createObservability({ serviceName: "trade-api" });
const { logger, metrics } = observability;
const tracer = createTracer("trade-api");

let ready: Promise<TradeApi> | undefined;

/** A pg pool for Lambda: TLS with certificate verification, small (one request at a time). */
export async function createPool(config: DatabaseConfig, env: Readonly<Record<string, string | undefined>>): Promise<Pool> {
  const common = { max: config.dbPoolMax, idleTimeoutMillis: 60_000, connectionTimeoutMillis: 5_000 };
  if (config.database.kind === "url") return withIdleErrorLog(new Pool({ connectionString: config.database.url, ...common }));
  const secret = await fetchDbSecret(config.database.secretId, {
    sessionToken: env.AWS_SESSION_TOKEN ?? "",
    port: env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ? Number(env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT) : undefined,
  });
  const host = config.database.host ?? secret.host;
  if (!host) throw new Error("DB_HOST is required when the database secret has no host");
  return withIdleErrorLog(new Pool({
    host,
    port: config.database.port ?? secret.port ?? 5432,
    database: config.database.database ?? secret.dbname ?? "trade",
    user: secret.username,
    password: secret.password,
    // Aurora's CA is trusted via NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem (see README).
    ssl: { rejectUnauthorized: true },
    ...common,
  }));
}

/** An idle connection dropped by Aurora (failover, restart) must not crash the function. */
function withIdleErrorLog(pool: Pool): Pool {
  pool.on("error", (err) => logger.warn("idle database connection lost; it will be replaced", { error: err }));
  return pool;
}

async function init(): Promise<TradeApi> {
  const config = loadConfig(process.env);
  const pool = await createPool(config, process.env);
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
      body: JSON.stringify({ error: { code: "SERVICE_UNAVAILABLE", message: "service is starting or misconfigured; retry later", details: [] } }),
    };
  } finally {
    subsegment?.close();
    if (segment) tracer.setSegment(segment);
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
}
