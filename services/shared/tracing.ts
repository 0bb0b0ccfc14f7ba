/**
 * Powertools tracer (X-Ray). Kept apart from observability.ts because loading it installs the
 * X-Ray SDK's async hooks process-wide; import it from Lambda entry points only.
 */
import { Tracer } from "@aws-lambda-powertools/tracer";

/** Turns itself off outside Lambda (no X-Ray daemon); POWERTOOLS_TRACE_ENABLED=false also does. */
export function createTracer(serviceName: string): Tracer {
  return new Tracer({ serviceName });
}
