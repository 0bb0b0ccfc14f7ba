/**
 * Azure Functions entry point for the DR standby (eastus2): one HTTP-triggered function that
 * converts each request to an API Gateway-shaped event and calls the same trade API handler.
 *
 * App settings (Key Vault references in production): DATABASE_URL (Azure Database for
 * PostgreSQL, sslmode=verify-full), API_KEY_HASHES ("clientId:sha256hex,..."), ALLOWED_PAIRS,
 * AZURE_ROUTE_PREFIX (default "/api"). Audit events go to the function's structured logs
 * (Application Insights); there is no SNS topic on Azure.
 */
import { app, type HttpRequest, type HttpResponseInit } from "@azure/functions";
import { Pool } from "pg";
import { createObservability } from "../shared/observability";
import { createTradeApi, type TradeApi } from "./app";
import { LogAuditPublisher } from "./audit";
import { StaticApiKeyStore, type ApiClient } from "./auth";
import { parseAllowedPairs } from "./domain/currency";
import { DEFAULT_REFERENCE_RATES, StaticRateSource } from "./domain/pricing";
import { toAzureResponse, toProxyEventFromAzure, AZURE_MAX_BODY_BYTES } from "./azure-event";
import { PgOrderStore } from "./store/pg-store";

/** Parses API_KEY_HASHES: "clientId:<64 hex>" entries separated by commas. */
export function parseApiKeyHashes(text: string): ReadonlyMap<string, ApiClient> {
  const clients = new Map<string, ApiClient>();
  const bad: string[] = [];
  for (const entry of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const match = /^([A-Za-z0-9_.-]{1,64}):([0-9a-f]{64})$/.exec(entry);
    if (match?.[1] && match[2]) clients.set(match[2], { clientId: match[1] });
    else bad.push(entry.split(":")[0] ?? "?");
  }
  if (bad.length > 0) throw new Error(`API_KEY_HASHES entries must be clientId:<sha256 hex>; bad entries for: ${bad.join(", ")}`);
  return clients;
}

const observability = createObservability({ serviceName: "trade-api-azure" });
let api: TradeApi | undefined;

function build(): TradeApi {
  const env = process.env;
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is required");
  const rates = new StaticRateSource();
  return createTradeApi({
    store: new PgOrderStore(new Pool({ connectionString: env.DATABASE_URL, max: 4 }), (err) =>
      observability.logger.warn("idle database connection lost; it will be replaced", { error: err }),
    ),
    apiKeys: new StaticApiKeyStore(parseApiKeyHashes(env.API_KEY_HASHES ?? "")),
    rates,
    allowedPairs: env.ALLOWED_PAIRS ? parseAllowedPairs(env.ALLOWED_PAIRS) : Object.keys(DEFAULT_REFERENCE_RATES),
    audit: new LogAuditPublisher(observability.logger),
    observability,
  });
}

export async function azureHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > AZURE_MAX_BODY_BYTES) {
    return { status: 413, jsonBody: { error: { code: "PAYLOAD_TOO_LARGE", message: `request body exceeds ${AZURE_MAX_BODY_BYTES} bytes`, details: [] } } };
  }
  try {
    api ??= build();
  } catch (err) {
    observability.logger.error("trade-api (azure) failed to start", { error: err as Error });
    return { status: 503, jsonBody: { error: { code: "SERVICE_UNAVAILABLE", message: "service is misconfigured; retry later", details: [] } } };
  }
  const event = await toProxyEventFromAzure(request, { routePrefix: process.env.AZURE_ROUTE_PREFIX });
  return toAzureResponse(await api(event));
}

app.http("trade-api", {
  methods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
  authLevel: "anonymous", // the API authenticates with x-api-key itself, as on AWS
  route: "{*path}",
  handler: azureHandler,
});
