import assert from "node:assert/strict";
import { ValidationError } from "../../shared/errors";
import { formatDecimal } from "../../shared/money";
import { orderFingerprint, validateOrder, type OrderInput } from "./order";

const pairs = new Set(["EUR/USD", "USD/JPY"]);
const input = (fields: Partial<OrderInput>): OrderInput => ({
  account: "A",
  pair: "EUR/USD",
  side: "BUY",
  type: "MARKET",
  quantity: "1",
  ...fields,
});

function problems(fields: Partial<OrderInput>): string[] {
  try {
    validateOrder(input(fields), pairs);
  } catch (err) {
    assert.ok(err instanceof ValidationError);
    return err.details.map((d) => `${d.path}: ${d.message}`);
  }
  return [];
}

describe("validateOrder", () => {
  it("should normalize quantity to two decimals", async () => {
    assert.equal(formatDecimal(validateOrder(input({ quantity: "7.5" }), pairs).quantity), "7.50");
  });

  it("should name the allowed pairs when the pair is not one of them", async () => {
    assert.deepEqual(problems({ pair: "GBP/USD" }), ["body.pair: must be one of EUR/USD, USD/JPY"]);
  });

  it("should explain the quantity rule when quantity has too many decimals", async () => {
    assert.deepEqual(problems({ quantity: "1.005" }), [
      "body.quantity: must be a positive decimal string with at most 2 decimals and 12 integer digits",
    ]);
  });

  it("should refuse a quantity of 13 integer digits", async () => {
    assert.equal(problems({ quantity: "1000000000000" }).length, 1);
  });

  it("should require limitPrice for a LIMIT order", async () => {
    assert.deepEqual(problems({ type: "LIMIT" }), ["body.limitPrice: is required for a LIMIT order"]);
  });

  it("should refuse limitPrice on a MARKET order", async () => {
    assert.deepEqual(problems({ limitPrice: "1" }), ["body.limitPrice: is not allowed for a MARKET order"]);
  });

  it("should explain the limitPrice rule when it is not a positive decimal", async () => {
    assert.deepEqual(problems({ type: "LIMIT", limitPrice: "1.123456789" }), [
      "body.limitPrice: must be a positive decimal string with at most 8 decimals and 12 integer digits",
    ]);
  });

  it("should report every problem at once", async () => {
    assert.equal(problems({ pair: "X", quantity: "0", limitPrice: "1" }).length, 3);
  });
});

describe("orderFingerprint", () => {
  const fp = (fields: Partial<OrderInput>) => orderFingerprint(validateOrder(input(fields), pairs));

  it("should be equal for the same order written differently", async () => {
    assert.equal(fp({ quantity: "1" }), fp({ quantity: "1.00" }));
    assert.equal(fp({ type: "LIMIT", limitPrice: "1.1" }), fp({ type: "LIMIT", limitPrice: "1.10000" }));
  });

  it("should differ when any field differs", async () => {
    const base = fp({});
    for (const change of [{ account: "B" }, { pair: "USD/JPY" }, { side: "SELL" as const }, { quantity: "2" }]) {
      assert.notEqual(fp(change), base, JSON.stringify(change));
    }
  });
});
