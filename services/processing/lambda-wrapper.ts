/**
 * The Powertools plumbing every processor invocation needs, done once here instead of in each
 * handler: Lambda context on log lines, a `## handler` trace subsegment with the cold-start
 * annotation, and metrics flushed even when the invocation throws.
 */
import type { Tracer } from "@aws-lambda-powertools/tracer";
import type { Context } from "aws-lambda";
import type { Observability } from "../shared/observability";

/** Logger and metrics plus the tracer, which only Lambda entry points load (services/shared/tracing.ts). */
export type LambdaObservability = Observability & { readonly tracer: Tracer };

export function withPowertools<E, R>(
  observability: LambdaObservability,
  run: (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  const { logger, metrics, tracer } = observability;
  let coldStart = true;
  return async (event, context) => {
    logger.addContext(context);
    if (coldStart) metrics.captureColdStartMetric();
    coldStart = false;
    const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const segment = parent?.addNewSubsegment("## handler");
    if (segment) {
      tracer.setSegment(segment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
    }
    try {
      return await run(event, context);
    } catch (error) {
      if (segment) tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      metrics.publishStoredMetrics();
      if (segment && parent) {
        segment.close();
        tracer.setSegment(parent);
      }
    }
  };
}
