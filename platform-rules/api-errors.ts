/**
 * The trade API's error codes and their HTTP statuses: one list that the service's typed errors
 * (services/shared/errors.ts) and API Gateway's own responses (components/services/
 * trade-api-gateway-responses.ts) both read, so a refusal looks the same whichever layer sends it.
 * Wire shape: `{"error":{"code","message","details"}}` (services/trade-api/README.md "API contract").
 */

export interface ApiErrorKind {
  readonly status: number;
  /** The message when the thrower gives none. */
  readonly message?: string;
}

export const API_ERRORS = {
  VALIDATION_FAILED: { status: 400 },
  UNAUTHORIZED: { status: 401, message: "a valid x-api-key header is required" },
  NOT_FOUND: { status: 404 },
  METHOD_NOT_ALLOWED: { status: 405 },
  CONFLICT: { status: 409 },
  PAYLOAD_TOO_LARGE: { status: 413 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Content-Type must be application/json" },
  UNPROCESSABLE: { status: 422 },
  INTERNAL: { status: 500, message: "internal error" },
  SERVICE_UNAVAILABLE: { status: 503 },
} as const satisfies Readonly<Record<string, ApiErrorKind>>;

export type ApiErrorCode = keyof typeof API_ERRORS;
