/**
 * Classifies AWS SDK v3 failures into DependencyError without importing SDK types: what the
 * processors need is "retry later" versus "fix the configuration".
 */
import { DependencyError } from "./errors";

const THROTTLING = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "Throttling",
  "RequestLimitExceeded",
  "SlowDown",
  "TooManyRequestsException",
]);

interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $retryable?: unknown;
}

/** True when a retry may succeed: throttling, any 5xx, or no HTTP response at all (network). */
export function isRetryableAwsError(error: unknown): boolean {
  const e = (error ?? {}) as SdkErrorShape;
  if (typeof e.name === "string" && THROTTLING.has(e.name)) return true;
  if (e.$retryable !== undefined) return true;
  const status = e.$metadata?.httpStatusCode;
  return status === undefined || status >= 500;
}

/** Wraps an SDK failure of `operation` on `service` ("dynamodb", "s3") as a DependencyError. */
export function toDependencyError(service: string, operation: string, error: unknown): DependencyError {
  const e = (error ?? {}) as SdkErrorShape;
  const name = typeof e.name === "string" ? e.name : "UnknownError";
  const retryable = isRetryableAwsError(error);
  const code = `${service}-${retryable ? "unavailable" : "rejected"}`;
  const detail = typeof e.message === "string" && e.message !== "" ? `: ${e.message}` : "";
  return new DependencyError(code, `${service} ${operation} failed with ${name}${detail}`, { retryable, cause: error });
}
