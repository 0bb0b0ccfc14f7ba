/**
 * Gateway responses: what API Gateway answers itself, before the trade function sees the
 * request, rewritten into the service's contract (`{"error":{"code","message","details"}}`,
 * services/trade-api/README.md "API contract"). Data, so tests and docs read the same list.
 *
 * Gateway response templates are not Velocity: API Gateway only substitutes `$context…`
 * variables. So every static part is JSON-encoded here, and only variables that come out
 * JSON-safe are used: `$context.error.messageString` (the message, already quoted),
 * `$context.error.validationErrorString` (JSON-escaped, inside quotes) and
 * `$context.requestId` (a UUID).
 */
import { API_ERRORS, type ApiErrorCode } from "../../platform-rules/api-errors";

/** The gateway response types this API customises (the rest fall back to DEFAULT_4XX / DEFAULT_5XX). */
export type GatewayResponseType =
  | "INVALID_API_KEY"
  | "UNAUTHORIZED"
  | "MISSING_AUTHENTICATION_TOKEN"
  | "RESOURCE_NOT_FOUND"
  | "BAD_REQUEST_BODY"
  | "BAD_REQUEST_PARAMETERS"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "REQUEST_TOO_LARGE"
  | "THROTTLED"
  | "WAF_FILTERED"
  | "DEFAULT_4XX"
  | "DEFAULT_5XX";

export interface GatewayResponseSpec {
  readonly type: GatewayResponseType;
  /**
   * Status to answer with. Absent on DEFAULT_4XX / DEFAULT_5XX on purpose: a status there
   * would replace the status of every 4xx / 5xx response that is not customised.
   */
  readonly status?: number;
  readonly code: string;
  /** A fixed message, or API Gateway's own (`$context.error.messageString`). */
  readonly message: { readonly text: string } | "from-gateway";
  /** `validation`: one detail `{path: "body", message: <the validator's message>}`. */
  readonly details: "none" | "validation";
  /** Put `error.requestId` in the body: gateway 5xx are ours to investigate, not the client's. */
  readonly requestId: boolean;
  /** Headers beyond the ones every response gets (`RESPONSE_HEADERS`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Headers on every gateway response, as the handler's own responses carry them. */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

/** The status, code and message the handler gives this error code, so both layers answer alike. */
function like(code: ApiErrorCode, message?: string): Pick<GatewayResponseSpec, "status" | "code" | "message"> {
  const kind: { readonly status: number; readonly message?: string } = API_ERRORS[code];
  const text = message ?? kind.message;
  if (text === undefined) throw new Error(`gateway response ${code} needs a message`);
  return { status: kind.status, code, message: { text } };
}

const fixed = { details: "none", requestId: false } as const;

export const GATEWAY_RESPONSES: readonly GatewayResponseSpec[] = [
  // Fires for a missing key as well as an unknown or disabled one on apiKeyRequired methods.
  { type: "INVALID_API_KEY", ...like("UNAUTHORIZED"), ...fixed, headers: { "WWW-Authenticate": "ApiKey" } },
  // The Lambda authorizer refused the key, or the x-api-key header (its identity source) is missing.
  { type: "UNAUTHORIZED", ...like("UNAUTHORIZED"), ...fixed, headers: { "WWW-Authenticate": "ApiKey" } },
  // No resource or no method matches (API Gateway's "Missing Authentication Token", 403).
  { type: "MISSING_AUTHENTICATION_TOKEN", ...like("NOT_FOUND", "no route for this method and path"), ...fixed },
  { type: "RESOURCE_NOT_FOUND", ...like("NOT_FOUND", "no route for this method and path"), ...fixed },
  // Only POST /v1/orders has a body model, so a body refusal is always an order refusal.
  { type: "BAD_REQUEST_BODY", ...like("VALIDATION_FAILED", "invalid order"), details: "validation", requestId: false },
  { type: "BAD_REQUEST_PARAMETERS", ...like("VALIDATION_FAILED", ""), message: "from-gateway", ...fixed },
  { type: "UNSUPPORTED_MEDIA_TYPE", ...like("UNSUPPORTED_MEDIA_TYPE"), ...fixed },
  // API Gateway's own 10 MB payload limit; the handler refuses anything over 16 KiB itself.
  { type: "REQUEST_TOO_LARGE", ...like("PAYLOAD_TOO_LARGE", "request body is too large"), ...fixed },
  {
    type: "THROTTLED",
    status: 429,
    code: "THROTTLED",
    message: { text: "too many requests; slow down and retry" },
    ...fixed,
  },
  {
    type: "WAF_FILTERED",
    status: 403,
    code: "FORBIDDEN",
    message: { text: "request blocked by the web application firewall" },
    ...fixed,
  },
  { type: "DEFAULT_4XX", code: "REQUEST_REJECTED", message: "from-gateway", ...fixed },
  {
    type: "DEFAULT_5XX",
    code: "INTERNAL" satisfies ApiErrorCode,
    message: { text: "the API could not complete the request; retry later, quoting the request id" },
    details: "none",
    requestId: true,
  },
];

/** The `application/json` response template for a spec: the error envelope. Pure. */
export function gatewayResponseTemplate(spec: GatewayResponseSpec): string {
  const message = spec.message === "from-gateway" ? "$context.error.messageString" : literal(spec.message.text);
  const details =
    spec.details === "validation" ? `[{"path":"body","message":"$context.error.validationErrorString"}]` : "[]";
  const requestId = spec.requestId ? `,"requestId":"$context.requestId"` : "";
  return `{"error":{"code":${literal(spec.code)},"message":${message},"details":${details}${requestId}}}`;
}

/** `gatewayresponse.header.*` parameters for a spec: static values, single-quoted. Pure. */
export function gatewayResponseParameters(spec: GatewayResponseSpec): Record<string, string> {
  const headers = { ...RESPONSE_HEADERS, ...spec.headers };
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      if (value.includes("'")) throw new Error(`gateway response header ${name} must not contain ': ${value}`);
      return [`gatewayresponse.header.${name}`, `'${value}'`];
    }),
  );
}

/** `INVALID_API_KEY` → `invalid-api-key`: the logical-name part for a response. */
export function responseKey(type: GatewayResponseType): string {
  return type.toLowerCase().replace(/_/g, "-");
}

// A `$` in a fixed text would be read as a variable.
function literal(text: string): string {
  if (text.includes("$")) throw new Error(`gateway response text must not contain $: ${text}`);
  return JSON.stringify(text);
}
