import assert from "node:assert/strict";
import { parseDecimal } from "../../shared/money";
import { DEFAULT_REFERENCE_RATES, execute, isMarketable, StaticRateSource } from "./pricing";
import { validateOrder, type OrderInput } from "./order";

const pairs = new Set(Object.keys(DEFAULT_REFERENCE_RATES));
const order = (fields: Partial<OrderInput>) =>
  validateOrder({ account: "A", pair: "EUR/USD", side: "BUY", type: "MARKET", quantity: "1.00", ...fields }, pairs);
const rate = (pair: string, text: string) => ({
  pair,
  rate: parseDecimal(text) ?? { units: 0n, scale: 0 },
  source: "test",
});

describe("pricing", () => {
  it("should execute at the reference rate", async () => {
    assert.equal(execute(order({}), rate("EUR/USD", "1.08345")).price, "1.08345");
  });

  it("should round notional half-even to the quote currency's minor units (tie down to even)", async () => {
    // 0.50 × 1.25 = 0.625 → 0.62
    assert.equal(execute(order({ quantity: "0.50" }), rate("EUR/USD", "1.25")).notional, "0.62");
  });

  it("should round notional half-even (tie up to even)", async () => {
    // 0.50 × 1.35 = 0.675 → 0.68
    assert.equal(execute(order({ quantity: "0.50" }), rate("EUR/USD", "1.35")).notional, "0.68");
  });

  it("should round a JPY notional to whole units", async () => {
    // 0.50 × 151.237 = 75.6185 → 76
    const ex = execute(order({ pair: "USD/JPY", quantity: "0.50" }), rate("USD/JPY", "151.237"));
    assert.deepEqual([ex.notional, ex.notionalCurrency], ["76", "JPY"]);
  });

  it("should compute notional exactly for amounts floats cannot hold", async () => {
    // 999999999999.99 × 1.08345 = 1083449999999.989165 → 1083449999999.99
    assert.equal(
      execute(order({ quantity: "999999999999.99" }), rate("EUR/USD", "1.08345")).notional,
      "1083449999999.99",
    );
  });

  it("should fill a LIMIT BUY at or below its limit and a LIMIT SELL at or above it", async () => {
    const r = parseDecimal("1.08345") ?? { units: 0n, scale: 0 };
    assert.equal(isMarketable(order({ type: "LIMIT", limitPrice: "1.08345" }), r), true);
    assert.equal(isMarketable(order({ type: "LIMIT", limitPrice: "1.0834" }), r), false);
    assert.equal(isMarketable(order({ side: "SELL", type: "LIMIT", limitPrice: "1.08345" }), r), true);
    assert.equal(isMarketable(order({ side: "SELL", type: "LIMIT", limitPrice: "1.0835" }), r), false);
  });

  it("should refuse a LIMIT order that cannot fill with 422 NOT_MARKETABLE", async () => {
    assert.throws(() => execute(order({ type: "LIMIT", limitPrice: "1.00" }), rate("EUR/USD", "1.08345")), {
      status: 422,
      code: "NOT_MARKETABLE",
    });
  });

  it("should name every bad entry of a rate table", async () => {
    assert.throws(
      () => new StaticRateSource({ "EUR/USD": "0", "XXX/USD": "1.1", "GBP/USD": "-1" }),
      /EUR\/USD=0, XXX\/USD=1.1, GBP\/USD=-1/,
    );
  });

  it("should serve its table deterministically and nothing else", async () => {
    const source = new StaticRateSource();
    assert.equal((await source.getRate("EUR/USD"))?.source, "static-table");
    assert.equal(await source.getRate("EUR/SEK"), undefined);
  });
});
