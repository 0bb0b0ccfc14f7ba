/**
 * The trade API as one function from an API Gateway REST proxy event to a result. Lambda,
 * the local dev server and the Azure standby all call this same function.
 */
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { newAuditEvent, type AuditEvent, type AuditPublisher, type NewAuditEvent } from "../shared/audit-event";
import {
  AppError,
  MethodNotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
  UnauthorizedError,
  ValidationError,
  toErrorResponse,
} from "../shared/errors";
import { formatDecimal } from "../shared/money";
import type { Observability } from "../shared/observability";
import { API_KEY_HEADER, apiKeyDenial, authenticate, type ApiClient, type ApiKeyStore } from "./auth";
import { authorizerContextSchema } from "./authorizer";
import { orderFingerprint, validateOrder, type OrderRecord, type ValidOrder } from "./domain/order";
import { execute, type RateSource } from "./domain/pricing";
import { bodyBytes, headersOf, jsonResponse, parseJsonBody, requireJson } from "./http";
import { idempotencyKeySchema, issuesToDetails, orderBodySchema, ORDER_ID_PATTERN } from "./schemas";
import type { OrderStore } from "./store/pg-store";

/**
 * Who authenticates the caller. `gateway-authorizer` (AWS): the REST API's Lambda authorizer
 * already checked the key and put the client id into `requestContext.authorizer`; the function
 * trusts that and nothing else. `api-key`: no authorizer in front (local dev, the Azure
 * standby), so the function runs the authorizer's own check on the x-api-key header.
 */
export type TradeApiAuth =
  { readonly kind: "gateway-authorizer" } | { readonly kind: "api-key"; readonly store: ApiKeyStore };

export interface TradeApiDeps {
  readonly store: OrderStore;
  readonly auth: TradeApiAuth;
  readonly rates: RateSource;
  /** Pairs clients may trade, e.g. ["EUR/USD"]; validate with parseAllowedPairs first. */
  readonly allowedPairs: readonly string[];
  readonly audit: AuditPublisher;
  readonly observability: Observability;
  /** Default: the system clock. */
  readonly clock?: () => Date;
}

export type TradeApi = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

const AUDIT_SOURCE = "fx.trade-api";

export function createTradeApi(deps: TradeApiDeps): TradeApi {
  const { logger, metrics } = deps.observability;
  const allowed = new Set(deps.allowedPairs);
  const clock = deps.clock ?? (() => new Date());

  const count = (name: string) => metrics.addMetric(name, MetricUnit.Count, 1);

  async function audit(fields: NewAuditEvent): Promise<void> {
    try {
      await deps.audit.publish(newAuditEvent(fields, clock()));
    } catch (err) {
      // Denials and refusals book nothing, so there is no transaction to hold their event.
      count("AuditPublishFailed");
      logger.error("audit event not published", {
        action: fields.action,
        resource: fields.resource,
        error: err as Error,
      });
    }
  }

  /**
   * The outbox relay: publishes the event the booking committed, then marks it published. A
   * failure of either leaves the event to the sweeper (outbox-handler.ts), never loses it.
   */
  async function relay(event: AuditEvent): Promise<void> {
    try {
      await deps.audit.publish(event);
    } catch (err) {
      count("AuditPublishFailed");
      logger.warn("audit event left in the outbox for the sweeper", { eventId: event.event_id, error: err as Error });
      return;
    }
    try {
      await deps.store.markAuditPublished(event.event_id);
    } catch (err) {
      // Published but not marked: the sweeper publishes it again and the consumer drops the duplicate.
      logger.warn("audit event published but not marked in the outbox", {
        eventId: event.event_id,
        error: err as Error,
      });
    }
  }

  function clientFromAuthorizer(event: APIGatewayProxyEvent): ApiClient {
    const parsed = authorizerContextSchema.safeParse(event.requestContext?.authorizer);
    if (parsed.success) return { clientId: parsed.data.clientId };
    // Only a method without the authorizer gets here: a wiring fault, refused and alarmed on.
    logger.error("request reached the function without the authorizer's client id", { path: event.path });
    throw new UnauthorizedError();
  }

  async function authorize(headers: Map<string, string>, event: APIGatewayProxyEvent): Promise<ApiClient> {
    try {
      if (deps.auth.kind === "gateway-authorizer") return clientFromAuthorizer(event);
      return await authenticate(deps.auth.store, headers.get(API_KEY_HEADER));
    } catch (err) {
      if (err instanceof AppError) {
        count("AuthFailed");
        await audit(apiKeyDenial(event.httpMethod, event.path, event.requestContext?.identity?.sourceIp ?? "unknown"));
      }
      throw err;
    }
  }

  async function postOrder(event: APIGatewayProxyEvent, headers: Map<string, string>): Promise<APIGatewayProxyResult> {
    const client = await authorize(headers, event);
    requireJson(headers.get("content-type"));
    const bytes = bodyBytes(event);
    const key = idempotencyKeySchema.safeParse(headers.get("idempotency-key"));
    if (!key.success)
      throw new ValidationError("invalid Idempotency-Key header", issuesToDetails("header.Idempotency-Key", key.error));
    const parsed = orderBodySchema.safeParse(parseJsonBody(bytes));
    if (!parsed.success) throw new ValidationError("invalid order", issuesToDetails("body", parsed.error));
    const order = validateOrder(parsed.data, allowed);

    const result = await deps.store
      .book({
        clientId: client.clientId,
        idempotencyKey: key.data,
        requestHash: orderFingerprint(order),
        price: () => priceOrder(order, client),
        // Stored in the outbox with the booking (ledger position added there), published below.
        audit: (record) =>
          newAuditEvent(
            {
              source: AUDIT_SOURCE,
              actor: client.clientId,
              action: "order.book",
              resource: `order/${record.orderId}`,
              outcome: "SUCCESS",
              data: { ...record },
            },
            clock(),
          ),
      })
      .catch(async (err: unknown) => {
        if (err instanceof AppError && err.status === 422) {
          count("OrderNotMarketable");
          await audit({
            source: AUDIT_SOURCE,
            actor: client.clientId,
            action: "order.book",
            resource: `account/${order.account}`,
            outcome: "FAILURE",
            data: { code: err.code, pair: order.pair, side: order.side, limitPrice: order.limitPriceText ?? null },
          });
        }
        throw err;
      });
    if (result.replayed) {
      count("OrderReplayed");
      return jsonResponse(201, result.view, { "idempotent-replayed": "true" });
    }
    count("OrderBooked");
    logger.info("order booked", {
      orderId: result.view.orderId,
      clientId: client.clientId,
      sequence: result.view.ledger.sequence,
    });
    if (result.auditEvent) await relay(result.auditEvent);
    return jsonResponse(201, result.view, { location: `/v1/orders/${result.view.orderId}` });
  }

  async function priceOrder(order: ValidOrder, client: ApiClient): Promise<OrderRecord> {
    const rate = await deps.rates.getRate(order.pair);
    if (!rate) throw new ServiceUnavailableError(`no reference rate for ${order.pair}; retry later`);
    const execution = execute(order, rate);
    return {
      orderId: randomUUID(),
      clientId: client.clientId,
      account: order.account,
      pair: order.pair,
      side: order.side,
      type: order.type,
      quantity: formatDecimal(order.quantity),
      limitPrice: order.limitPriceText ?? null,
      ...execution,
      bookedAt: clock().toISOString(),
    };
  }

  async function getOrder(
    event: APIGatewayProxyEvent,
    headers: Map<string, string>,
    orderId: string,
  ): Promise<APIGatewayProxyResult> {
    const client = await authorize(headers, event);
    // Another client's order is indistinguishable from a missing one.
    const view = ORDER_ID_PATTERN.test(orderId) ? await deps.store.getOrder(client.clientId, orderId) : undefined;
    if (!view) throw new NotFoundError(`order ${orderId} not found`);
    return jsonResponse(200, view);
  }

  async function verifyLedger(
    event: APIGatewayProxyEvent,
    headers: Map<string, string>,
  ): Promise<APIGatewayProxyResult> {
    await authorize(headers, event);
    const verdict = await deps.store.verifyLedger();
    if (!verdict.valid) {
      count("LedgerInvalid");
      logger.error("ledger verification failed", {
        problem: { sequence: String(verdict.problem?.sequence), reason: verdict.problem?.reason },
      });
    }
    return jsonResponse(200, {
      valid: verdict.valid,
      entries: verdict.entries,
      headHash: verdict.headHash,
      chains: verdict.chains,
      digests: verdict.digests,
      latestDigest: verdict.latestDigest ?? null,
    });
  }

  async function getProof(
    event: APIGatewayProxyEvent,
    headers: Map<string, string>,
    orderId: string,
  ): Promise<APIGatewayProxyResult> {
    const client = await authorize(headers, event);
    const proof = ORDER_ID_PATTERN.test(orderId) ? await deps.store.getProof(client.clientId, orderId) : undefined;
    if (!proof) throw new NotFoundError(`order ${orderId} not found`);
    return jsonResponse(200, proof);
  }

  async function route(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
    const headers = headersOf(event);
    const path = routePath(event);
    const method = event.httpMethod?.toUpperCase() ?? "";
    const only = (allowedMethod: string, run: () => Promise<APIGatewayProxyResult>) => {
      if (method !== allowedMethod)
        throw new MethodNotAllowedError(`${path} supports ${allowedMethod} only`, [allowedMethod]);
      return run();
    };
    if (path === "/health") return only("GET", async () => jsonResponse(200, { status: "ok" }));
    if (path === "/v1/orders") return only("POST", () => postOrder(event, headers));
    if (path === "/v1/ledger/verify") return only("GET", () => verifyLedger(event, headers));
    const match = /^\/v1\/orders\/([^/]+)(\/proof)?$/.exec(path);
    if (match?.[1] !== undefined) {
      const orderId = decodeSegment(match[1]);
      if (match[2]) return only("GET", () => getProof(event, headers, orderId));
      return only("GET", () => getOrder(event, headers, orderId));
    }
    throw new NotFoundError(`no route for ${method} ${path}`);
  }

  return async (event) => {
    try {
      return await route(event);
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      if (status >= 500) logger.error("request failed", { error: err as Error, path: event.path });
      else count(`ClientError${status}`);
      const extra: Record<string, string> = {};
      if (status === 401) extra["www-authenticate"] = "ApiKey";
      if (err instanceof MethodNotAllowedError) extra.allow = err.allow.join(", ");
      return jsonResponse(status, body, extra);
    }
  };
}

/** The request path, whether the API maps explicit resources or a greedy {proxy+}. */
function routePath(event: APIGatewayProxyEvent): string {
  const proxy = event.pathParameters?.proxy;
  const raw = event.resource?.includes("{proxy+}") && proxy !== undefined ? `/${proxy}` : (event.path ?? "/");
  return raw.length > 1 && raw.endsWith("/") ? raw.slice(0, -1) : raw;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
