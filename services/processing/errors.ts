/**
 * Typed errors shared by the audit and data processors. A local equivalent of services/shared
 * (owned by the trade API): these two services only need "what went wrong" and "is a retry
 * likely to help", not HTTP status codes.
 */

/** Failure classes: `invalid` never heals on retry; `transient` may; `conflict` needs a human. */
export type FailureKind = "invalid" | "transient" | "conflict" | "config";

export abstract class ProcessingError extends Error {
  abstract readonly kind: FailureKind;
  /** Stable machine-readable code for logs, metrics and quarantine reasons. */
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  get retryable(): boolean {
    return this.kind === "transient";
  }
}

/** Input that can never be processed as it is (bad JSON, schema violations, bad rows). */
export class InvalidInputError extends ProcessingError {
  readonly kind = "invalid" as const;
  constructor(
    readonly code: string,
    message: string,
    /** Every problem found, each naming the field or line. */
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

/**
 * A dependency (DynamoDB, S3) failed. `retryable` when a later attempt may succeed (throttling,
 * 5xx, network); otherwise it refused the request (missing table, access denied) and needs a
 * configuration fix before the message is redriven from the DLQ.
 */
export class DependencyError extends ProcessingError {
  readonly kind: FailureKind;
  constructor(
    readonly code: string,
    message: string,
    options: { retryable: boolean; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.kind = options.retryable ? "transient" : "config";
  }
}

/** The same identity arrived with different content; the original is kept. */
export class ConflictError extends ProcessingError {
  readonly kind = "conflict" as const;
  readonly code = "conflicting-duplicate";
}

/** Missing or malformed environment configuration, detected at cold start. */
export class ConfigError extends ProcessingError {
  readonly kind = "config" as const;
  readonly code = "bad-environment";
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join("; ")}`);
  }
}

/** Short, log-safe description of any thrown value (never a stack trace, never payload data). */
export function describeError(error: unknown): { code: string; kind: string; message: string } {
  if (error instanceof ProcessingError) return { code: error.code, kind: error.kind, message: error.message };
  if (error instanceof Error) return { code: error.name, kind: "unexpected", message: error.message };
  return { code: "non-error-thrown", kind: "unexpected", message: String(error) };
}
