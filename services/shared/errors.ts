/**
 * Typed service errors. Domain code throws these; handlers map them to HTTP responses with
 * `toErrorResponse`, so the status code lives next to the error, not in every handler.
 */

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
    super(400, code, message, details);
  }
}

/** 401: no credentials, or credentials we do not recognise. The message never says which. */
export class UnauthorizedError extends AppError {
  constructor(message = "a valid x-api-key header is required") {
    super(401, "UNAUTHORIZED", message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, "NOT_FOUND", message);
  }
}

export class MethodNotAllowedError extends AppError {
  /** @param allow methods the resource does support, for the Allow header. */
  constructor(message: string, readonly allow: readonly string[] = []) {
    super(405, "METHOD_NOT_ALLOWED", message);
  }
}

/** 409: the request conflicts with earlier state (e.g. an idempotency key reused with another body). */
export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, "PAYLOAD_TOO_LARGE", `request body exceeds ${limitBytes} bytes`);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message = "Content-Type must be application/json") {
    super(415, "UNSUPPORTED_MEDIA_TYPE", message);
  }
}

/** 422: well-formed, but the business rules refuse it (e.g. a LIMIT order that cannot fill). */
export class UnprocessableError extends AppError {
  constructor(code: string, message: string, details: readonly ErrorDetail[] = []) {
    super(422, code, message, details);
  }
}

/** 503: a dependency we need is not available; the client may retry. */
export class ServiceUnavailableError extends AppError {
  constructor(message: string) {
    super(503, "SERVICE_UNAVAILABLE", message);
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
    status: 500,
    body: { error: { code: "INTERNAL", message: "internal error", details: [] } },
  };
}
