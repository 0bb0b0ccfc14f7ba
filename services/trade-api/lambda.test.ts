/**
 * The trade API's Lambda entry point gets the shared Powertools wiring (services/shared/lambda.ts),
 * ColdStart metric included: checked on the EMF documents Powertools writes to stdout.
 */
import assert from "node:assert/strict";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { createTradeApiHandler } from "./lambda";
import { apiEvent, lambdaContext } from "./testing/events";

const context = lambdaContext;

/**
 * Metrics as in an on-demand Lambda execution environment (AWS_LAMBDA_INITIALIZATION_TYPE, which
 * Powertools reads for the cold start), emitting: no POWERTOOLS_METRICS_DISABLED / POWERTOOLS_DEV.
 */
function liveMetrics(): Metrics {
  const names = ["POWERTOOLS_METRICS_DISABLED", "POWERTOOLS_DEV", "AWS_LAMBDA_INITIALIZATION_TYPE"] as const;
  const saved = names.map((n) => [n, process.env[n]] as const);
  for (const n of names) delete process.env[n];
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = "on-demand";
  try {
    return new Metrics({ serviceName: "trade-api", namespace: "FxPlatform" });
  } finally {
    for (const [n, v] of saved) {
      if (v === undefined) delete process.env[n];
      else process.env[n] = v;
    }
  }
}

/** The metric names of every EMF document written to stdout while `body` runs. */
async function emittedMetrics(body: () => Promise<void>): Promise<string[][]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    return true;
  }) as typeof process.stdout.write;
  try {
    await body();
  } finally {
    process.stdout.write = write;
  }
  return lines
    .map((l) => JSON.parse(l) as { _aws?: { CloudWatchMetrics?: Array<{ Metrics: Array<{ Name: string }> }> } })
    .filter((doc) => doc._aws?.CloudWatchMetrics)
    .map((doc) => doc._aws!.CloudWatchMetrics!.flatMap((d) => d.Metrics.map((m) => m.Name)));
}

describe("createTradeApiHandler", () => {
  it("should emit the ColdStart metric once, on the first invocation", async () => {
    const handler = createTradeApiHandler(
      { logger: new Logger({ logLevel: "SILENT" }), metrics: liveMetrics() },
      async () => async () => ({ statusCode: 200, body: "{}" }),
    );
    const docs = await emittedMetrics(async () => {
      await handler(apiEvent({ path: "/health" }), context);
      await handler(apiEvent({ path: "/health" }), context);
    });
    assert.deepEqual(
      docs.filter((names) => names.includes("ColdStart")),
      [["ColdStart"]],
    );
  });

  it("should answer 503 while the start-up fails, and retry it on the next invocation", async () => {
    let starts = 0;
    const handler = createTradeApiHandler(
      { logger: new Logger({ logLevel: "SILENT" }), metrics: liveMetrics() },
      async () => {
        starts++;
        if (starts === 1) throw new Error("no database");
        return async () => ({ statusCode: 200, body: "{}" });
      },
    );
    const codes: number[] = [];
    await emittedMetrics(async () => {
      codes.push((await handler(apiEvent({ path: "/health" }), context)).statusCode);
      codes.push((await handler(apiEvent({ path: "/health" }), context)).statusCode);
    });
    assert.deepEqual(codes, [503, 200]);
  });
});
