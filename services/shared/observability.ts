/**
 * Powertools for AWS Lambda logger and metrics, set up one way for every service.
 * `silentObservability` gives the same objects with all output off, for tests and benchmarks.
 * Tracing lives in tracing.ts: importing the tracer loads the X-Ray SDK, whose async hooks
 * tax every promise, so only Lambda entry points should pull it in.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { maskPansReplacer } from "./pan";

export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface ObservabilityOptions {
  /** Service name on every log line and metric, e.g. "trade-api". */
  readonly serviceName: string;
  /** CloudWatch metrics namespace. Default "FxPlatform". */
  readonly namespace?: string;
  /** Default: Powertools reads POWERTOOLS_LOG_LEVEL / AWS_LAMBDA_LOG_LEVEL, else INFO. */
  readonly logLevel?: "DEBUG" | "INFO" | "WARN" | "ERROR" | "SILENT";
}

export function createObservability(options: ObservabilityOptions): Observability {
  return {
    // Every string in every log line passes the PAN mask (PCI DSS 3.3, 3.4): no line can carry a card number.
    logger: new Logger({
      serviceName: options.serviceName,
      logLevel: options.logLevel,
      jsonReplacerFn: maskPansReplacer,
    }),
    metrics: new Metrics({ serviceName: options.serviceName, namespace: options.namespace ?? "FxPlatform" }),
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
  };
}
