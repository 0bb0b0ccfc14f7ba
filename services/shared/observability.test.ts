import assert from "node:assert/strict";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { createObservability, silentObservability } from "./observability";

describe("observability", () => {
  it("should name the service on every structured log line", async () => {
    const { logger } = createObservability({ serviceName: "svc-a", logLevel: "INFO" });
    const lines = captureStdout(() => logger.info("hello"));
    assert.equal(JSON.parse(lines.trim()).service, "svc-a");
  });

  it("should mask a card number anywhere in a log line: message, attributes and errors", async () => {
    const { logger } = createObservability({ serviceName: "svc-a", logLevel: "INFO" });
    const lines = captureStdout(() =>
      logger.info("bad account 4111111111111111", {
        account: "4111 1111 1111 1111",
        error: new Error("for 4111-1111-1111-1111"),
      }),
    );
    assert.doesNotMatch(lines, /4111[ -]?1111[ -]?1111[ -]?1111/);
    assert.match(lines, /\*{12}1111/);
  });

  it("should write nothing to stdout when silent metrics overflow their buffer", async () => {
    const { metrics } = silentObservability();
    const written = captureStdout(() => {
      for (let i = 0; i < 250; i += 1) metrics.addMetric("Probe", MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    });
    assert.equal(written, "");
  });
});

function captureStdout(run: () => void): string {
  const original = process.stdout.write.bind(process.stdout);
  let written = "";
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written += chunk.toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    run();
  } finally {
    process.stdout.write = original;
  }
  return written;
}
