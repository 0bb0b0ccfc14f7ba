/**
 * The ledger-scale bench still runs and reports what it claims (npm run bench prints its figures;
 * nothing here asserts a rate or a latency). A short run of both models on embedded PostgreSQL.
 */
import assert from "node:assert/strict";
import {
  formatLedgerScaleLine,
  formatLedgerScaleModel,
  runLedgerScaleBench,
  type LedgerScaleResult,
} from "./bench-ledger-scale";

describe("runLedgerScaleBench", () => {
  let proxy: LedgerScaleResult;
  let direct: LedgerScaleResult;
  before(async () => {
    const short = { workers: [1, 3], seconds: 0.4, digestIntervalMs: 200 } as const;
    proxy = await runLedgerScaleBench({ ...short, model: "proxy", proxyConnections: 2 });
    direct = await runLedgerScaleBench({ ...short, model: "direct" });
  });

  it("should report one line per N when it runs through the proxy's pool", async () => {
    assert.deepEqual(
      proxy.lines.map((l) => l.workers),
      [1, 3],
    );
  });

  it("should book orders and raw inserts in every line", async () => {
    assert.ok([...proxy.lines, ...direct.lines].every((l) => l.orders > 0 && l.rawPerSecond > 0));
  });

  it("should name the proxy model's pool size in its description", async () => {
    assert.match(formatLedgerScaleModel(proxy), /share a pool of 2 database connections/);
  });

  it("should describe the direct model as one connection per worker", async () => {
    assert.match(formatLedgerScaleModel(direct), /one database connection per worker/);
  });

  it("should print each line in the issue's form", async () => {
    assert.match(
      formatLedgerScaleLine(proxy.lines[1]!),
      /^N=3 orders\/s=\d+ p50=[\d.]+ ms p99=[\d.]+ ms raw\/s=\d+ ratio=[\d.]+$/,
    );
  });

  it("should write digests while the workers run", async () => {
    assert.ok(proxy.digests.written >= 2, `${proxy.digests.written} digests`);
  });

  it("should refuse a proxy pool that is not a whole number of at least 1, naming it", async () => {
    await assert.rejects(
      runLedgerScaleBench({ model: "proxy", proxyConnections: 0 }),
      /proxyConnections: must be a whole number of at least 1; got 0/,
    );
  });
});
