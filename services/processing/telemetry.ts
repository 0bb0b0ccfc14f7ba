/**
 * The narrow logging/metrics surface the processors' domain code depends on. Production adapts
 * the Powertools objects from services/shared/observability.ts (`fromPowertools`); tests pass
 * `RecordingTelemetry`. Keeping it this small keeps domain modules free of Powertools and AWS types.
 */
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Observability } from "../shared/observability";

export type LogFields = Readonly<Record<string, unknown>>;

export interface Log {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface Counters {
  /** Adds `value` (default 1) to the named count metric of the current invocation. */
  count(name: string, value?: number): void;
}

export interface Telemetry {
  readonly log: Log;
  readonly counters: Counters;
}

/** Powertools logger and metrics behind the Telemetry interface. */
export function fromPowertools(observability: Observability): Telemetry {
  const { logger, metrics } = observability;
  const extra = (fields?: LogFields) => (fields === undefined ? [] : [{ ...fields }]);
  return {
    log: {
      debug: (message, fields) => logger.debug(message, ...extra(fields)),
      info: (message, fields) => logger.info(message, ...extra(fields)),
      warn: (message, fields) => logger.warn(message, ...extra(fields)),
      error: (message, fields) => logger.error(message, ...extra(fields)),
    },
    counters: { count: (name, value = 1) => void metrics.addMetric(name, MetricUnit.Count, value) },
  };
}
