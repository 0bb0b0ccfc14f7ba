/** The trade API's routes and access-log format: data, so tests and docs read the same list. */

export interface ApiRoute {
  /** Resource path from the root, e.g. `/v1/orders/{orderId}`. */
  readonly path: string;
  readonly method: "GET" | "POST";
  /**
   * `required`: the client's key (x-api-key) is checked by the Lambda authorizer, which names the
   * client's usage-plan key (apiKeySource AUTHORIZER); only authorized calls reach the function.
   * `none`: public (the health probe).
   */
  readonly apiKey: "required" | "none";
  /** Validate the body against the order model. */
  readonly bodyModel: boolean;
  /** Run the request validator (body and/or required path parameters). */
  readonly validate: boolean;
  readonly pathParameters: readonly string[];
  /** May be cached when the stage cache is on (idempotent reads of immutable data). */
  readonly cacheable: boolean;
  /**
   * `lambda`: a Lambda proxy call to the trade function. `mock`: API Gateway answers itself with
   * `mockBody` (no backend is called, nothing is read): the only integration an unauthenticated
   * route may have (policy api-authorization-required).
   */
  readonly integration: "lambda" | "mock";
  /** The fixed JSON a `mock` route answers with 200. */
  readonly mockBody?: string;
}

/** What /health answers, on both clouds (the Lambda and Azure handlers answer the same). */
export const HEALTH_BODY = JSON.stringify({ status: "ok" });

export const API_ROUTES: readonly ApiRoute[] = [
  {
    path: "/v1/orders",
    method: "POST",
    apiKey: "required",
    bodyModel: true,
    validate: true,
    pathParameters: [],
    cacheable: false,
    integration: "lambda",
  },
  {
    path: "/v1/orders/{orderId}",
    method: "GET",
    apiKey: "required",
    bodyModel: false,
    validate: true,
    pathParameters: ["orderId"],
    cacheable: true,
    integration: "lambda",
  },
  // The answer changes (409 PROOF_PENDING, then 200 once a digest covers the order): never cached.
  {
    path: "/v1/orders/{orderId}/proof",
    method: "GET",
    apiKey: "required",
    bodyModel: false,
    validate: true,
    pathParameters: ["orderId"],
    cacheable: false,
    integration: "lambda",
  },
  {
    path: "/v1/ledger/verify",
    method: "GET",
    apiKey: "required",
    bodyModel: false,
    validate: false,
    pathParameters: [],
    cacheable: false,
    integration: "lambda",
  },
  // Route 53 health checks carry no API key and cannot sign requests, so /health is public; it is
  // answered by API Gateway itself (MOCK): no backend, no data. What it proves is the primary's
  // edge (DNS, certificate, WAF, API Gateway, stage); the latched DR gate, not this probe, decides
  // failover (components/dr/failover-dns.ts), and Lambda failures page through the API's 5XX alarm.
  {
    path: "/health",
    method: "GET",
    apiKey: "none",
    bodyModel: false,
    validate: false,
    pathParameters: [],
    cacheable: false,
    integration: "mock",
    mockBody: HEALTH_BODY,
  },
];

/** Every resource path the routes need, parents first. */
export const RESOURCE_PATHS: readonly string[] = [
  ...new Set(
    API_ROUTES.flatMap((r) =>
      r.path
        .split("/")
        .slice(1)
        .map((_, i, parts) => `/${parts.slice(0, i + 1).join("/")}`),
    ),
  ),
];

/** `post-v1-orders`, `get-v1-orders-orderId`: logical-name part for a route. */
export function routeKey(route: ApiRoute): string {
  return `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, "").replace(/\//g, "-")}`;
}

/** One JSON object per request. No bodies, headers or API key values: PCI DSS 3.3/10.2. */
export const ACCESS_LOG_FORMAT = {
  requestId: "$context.requestId",
  extendedRequestId: "$context.extendedRequestId",
  requestTime: "$context.requestTime",
  sourceIp: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  apiKeyId: "$context.identity.apiKeyId",
  principalId: "$context.authorizer.principalId",
  authorizerStatus: "$context.authorizer.integrationStatus",
  authorizerError: "$context.authorizer.error",
  authorizerLatency: "$context.authorizer.latency",
  httpMethod: "$context.httpMethod",
  resourcePath: "$context.resourcePath",
  protocol: "$context.protocol",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationStatus: "$context.integration.status",
  integrationLatency: "$context.integration.latency",
  integrationError: "$context.integration.error",
  wafStatus: "$context.waf.status",
  xrayTraceId: "$context.xrayTraceId",
} as const;
