/**
 * Typed service errors. Domain code throws these; handlers map them to HTTP responses with
 * `toErrorResponse`, so the status code lives next to the error, not in every handler. Codes and
 * statuses come from platform-rules/api-errors.ts, which API Gateway's own responses read too.
 */
import { API_ERRORS } from "../../platform-rules/api-errors";

/** One problem with the input, named by its path (e.g. "body.quantity", "header.Idempotency-Key"). */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

/** The wire shape of every error response: `{ error: { code, message, details } }`. */
export interface ErrorEnvelope {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: readonly ErrorDetail[];
  };
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the request is malformed or fails validation. */
export class ValidationError extends AppError {
  constructor(message: string, details: readonly ErrorDetail[] = [], code = "VALIDATION_FAILED") {
    super(API_ERRORS.VALIDATION_FAILED.status, code, message, details);
  }
}

/** 401: no credentials, or credentials we do not recognise. The message never says which. */
export class UnauthorizedError extends AppError {
  constructor(message: string = API_ERRORS.UNAUTHORIZED.message) {
    super(API_ERRORS.UNAUTHORIZED.status, "UNAUTHORIZED", message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(API_ERRORS.NOT_FOUND.status, "NOT_FOUND", message);
  }
}

export class MethodNotAllowedError extends AppError {
  /** @param allow methods the resource does support, for the Allow header. */
  constructor(
    message: string,
    readonly allow: readonly string[] = [],
  ) {
    super(API_ERRORS.METHOD_NOT_ALLOWED.status, "METHOD_NOT_ALLOWED", message);
  }
}

/** 409: the request conflicts with earlier state (e.g. an idempotency key reused with another body). */
export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(API_ERRORS.CONFLICT.status, code, message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(API_ERRORS.PAYLOAD_TOO_LARGE.status, "PAYLOAD_TOO_LARGE", `request body exceeds ${limitBytes} bytes`);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string = API_ERRORS.UNSUPPORTED_MEDIA_TYPE.message) {
    super(API_ERRORS.UNSUPPORTED_MEDIA_TYPE.status, "UNSUPPORTED_MEDIA_TYPE", message);
  }
}

/** 422: well-formed, but the business rules refuse it (e.g. a LIMIT order that cannot fill). */
export class UnprocessableError extends AppError {
  constructor(code: string, message: string, details: readonly ErrorDetail[] = []) {
    super(API_ERRORS.UNPROCESSABLE.status, code, message, details);
  }
}

/** 503: a dependency we need is not available; the client may retry. */
export class ServiceUnavailableError extends AppError {
  constructor(message: string) {
    super(API_ERRORS.SERVICE_UNAVAILABLE.status, "SERVICE_UNAVAILABLE", message);
  }
}

export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorEnvelope;
}

/**
 * Maps any thrown value to a status and envelope. Unknown errors become a 500 whose message
 * reveals nothing internal; the caller logs the original.
 */
export function toErrorResponse(err: unknown): ErrorResponse {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, details: err.details } },
    };
  }
  return {
    status: API_ERRORS.INTERNAL.status,
    body: { error: { code: "INTERNAL", message: API_ERRORS.INTERNAL.message, details: [] } },
  };
}
