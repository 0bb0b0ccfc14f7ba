/**
 * Azure Functions entry point for the DR standby (eastus2): one HTTP-triggered function that
 * converts each request to an API Gateway-shaped event and calls the same trade API handler.
 *
 * Settings (azure-settings.ts): the discrete DATABASE_* settings the Function App sets
 * (DATABASE_PASSWORD and API_KEY_HASHES are Key Vault references), ALLOWED_PAIRS, and
 * AZURE_ROUTE_PREFIX (default "": host.json removes Azure's "/api" so paths match AWS).
 * Audit events go to the function's structured logs (Application Insights); there is no SNS
 * topic on Azure.
 */
import { app, type HttpRequest, type HttpResponseInit } from "@azure/functions";
import { Pool } from "pg";
import { createObservability } from "../shared/observability";
import { createTradeApi, type TradeApi } from "./app";
import { LogAuditPublisher } from "./audit";
import { StaticApiKeyStore } from "./auth";
import { toAzureResponse, toProxyEventFromAzure, AZURE_MAX_BODY_BYTES } from "./azure-event";
import { loadAzureSettings } from "./azure-settings";
import { StaticRateSource } from "./domain/pricing";
import { PgOrderStore } from "./store/pg-store";

export { parseApiKeyHashes } from "./azure-settings";

const observability = createObservability({ serviceName: "trade-api-azure" });
let started: { api: TradeApi; routePrefix: string } | undefined;

function build(): { api: TradeApi; routePrefix: string } {
  const settings = loadAzureSettings(process.env);
  const api = createTradeApi({
    store: new PgOrderStore(new Pool(settings.pool), (err) =>
      observability.logger.warn("idle database connection lost; it will be replaced", { error: err }),
    ),
    auth: { kind: "api-key", store: new StaticApiKeyStore(settings.apiKeys) },
    rates: new StaticRateSource(),
    allowedPairs: settings.allowedPairs,
    audit: new LogAuditPublisher(observability.logger),
    observability,
  });
  return { api, routePrefix: settings.routePrefix };
}

export async function azureHandler(request: HttpRequest): Promise<HttpResponseInit> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > AZURE_MAX_BODY_BYTES) {
    return {
      status: 413,
      jsonBody: {
        error: {
          code: "PAYLOAD_TOO_LARGE",
          message: `request body exceeds ${AZURE_MAX_BODY_BYTES} bytes`,
          details: [],
        },
      },
    };
  }
  try {
    started ??= build();
  } catch (err) {
    observability.logger.error("trade-api (azure) failed to start", { error: err as Error });
    return {
      status: 503,
      jsonBody: {
        error: { code: "SERVICE_UNAVAILABLE", message: "service is misconfigured; retry later", details: [] },
      },
    };
  }
  const event = await toProxyEventFromAzure(request, { routePrefix: started.routePrefix });
  return toAzureResponse(await started.api(event));
}

app.http("trade-api", {
  methods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
  authLevel: "anonymous", // the API authenticates with x-api-key itself, as on AWS
  route: "{*path}",
  handler: azureHandler,
});
