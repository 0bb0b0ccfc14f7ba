/**
 * Powertools for AWS Lambda (logger, metrics, tracer) set up one way for every service.
 * `silentObservability` gives the same objects with all output off, for tests and benchmarks.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";

export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
}

export interface ObservabilityOptions {
  /** Service name on every log line, metric and trace segment, e.g. "trade-api". */
  readonly serviceName: string;
  /** CloudWatch metrics namespace. Default "FxPlatform". */
  readonly namespace?: string;
  /** Default: Powertools reads POWERTOOLS_LOG_LEVEL / AWS_LAMBDA_LOG_LEVEL, else INFO. */
  readonly logLevel?: "DEBUG" | "INFO" | "WARN" | "ERROR" | "SILENT";
}

export function createObservability(options: ObservabilityOptions): Observability {
  const namespace = options.namespace ?? "FxPlatform";
  return {
    logger: new Logger({ serviceName: options.serviceName, logLevel: options.logLevel }),
    metrics: new Metrics({ serviceName: options.serviceName, namespace }),
    // The tracer turns itself off outside Lambda (no X-Ray daemon to talk to).
    tracer: new Tracer({ serviceName: options.serviceName }),
  };
}

const quiet = {
  log: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

/** Metrics whose EMF output goes nowhere; buffers still flush (and empty) as usual. */
export function silentMetrics(serviceName: string, namespace = "Test"): Metrics {
  const metrics = new Metrics({ serviceName, namespace, logger: quiet });
  // Powertools writes EMF through a private Console with no option to redirect it; a full
  // buffer auto-flushes there, which would spam test and dev-server output.
  Object.assign(metrics, { console: quiet });
  return metrics;
}

export function silentObservability(serviceName = "test"): Observability {
  return {
    logger: new Logger({ serviceName, logLevel: "SILENT" }),
    metrics: silentMetrics(serviceName),
    tracer: new Tracer({ serviceName, enabled: false }),
  };
}
