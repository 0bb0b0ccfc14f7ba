/**
 * The Powertools plumbing of every Lambda entry point, wired once here (Powertools' own helpers,
 * no middleware framework): the Lambda context on every log line, the ColdStart metric on the
 * first invocation of an execution environment, a `## handler` trace subsegment annotated with
 * the cold start and the service, and stored metrics flushed even when the invocation throws.
 */
import type { Tracer } from "@aws-lambda-powertools/tracer";
import type { Context } from "aws-lambda";
import type { Observability } from "./observability";

/**
 * Logger and metrics, plus the tracer where the function traces: only Lambda entry points load
 * it (tracing.ts), and a handler without one still gets context, cold start and metrics.
 */
export type LambdaObservability = Observability & { readonly tracer?: Tracer };

/**
 * Wraps `run` as a Lambda handler. `context` is optional because scheduled handlers are also
 * called by hand (tests, runbooks) without one; the log lines then carry no request id.
 */
export function withPowertools<E, R>(
  observability: LambdaObservability,
  run: (event: E, context?: Context) => Promise<R>,
): (event: E, context?: Context) => Promise<R> {
  const { logger, metrics, tracer } = observability;
  return async (event, context) => {
    if (context) logger.addContext(context);
    // Powertools publishes ColdStart as its own EMF document on the first invocation of an
    // on-demand execution environment (AWS_LAMBDA_INITIALIZATION_TYPE), and never again.
    metrics.captureColdStartMetric();
    const parent = tracer?.isTracingEnabled() ? tracer.getSegment() : undefined;
    const segment = parent?.addNewSubsegment("## handler");
    if (tracer && segment) {
      tracer.setSegment(segment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
    }
    try {
      return await run(event, context);
    } catch (error) {
      if (segment) tracer?.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      // Flushing an empty store only logs Powertools' "no metrics" warning.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      if (tracer && segment && parent) {
        segment.close();
        tracer.setSegment(parent);
      }
    }
  };
}
