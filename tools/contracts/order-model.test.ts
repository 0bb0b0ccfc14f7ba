import assert from "node:assert/strict";
import { orderBodySchema } from "../../services/trade-api/schemas";
import { ORDER_REQUEST_SCHEMA } from "../../components/services/order-model";

const valid = {
  account: "acct-1",
  pair: "EUR/USD",
  side: "BUY",
  type: "LIMIT",
  quantity: "1000.00",
  limitPrice: "1.0850",
};

describe("ORDER_REQUEST_SCHEMA", () => {
  it("should name the same fields as the service's orderBodySchema", async () => {
    assert.deepEqual(Object.keys(ORDER_REQUEST_SCHEMA.properties).sort(), Object.keys(orderBodySchema.shape).sort());
  });

  it("should require the fields the service requires", async () => {
    const required = Object.entries(orderBodySchema.shape)
      .filter(([, s]) => !s.safeParse(undefined).success)
      .map(([k]) => k);
    assert.deepEqual([...ORDER_REQUEST_SCHEMA.required].sort(), required.sort());
  });

  it("should allow the sides the service accepts", async () => {
    for (const side of ORDER_REQUEST_SCHEMA.properties.side.enum)
      assert.ok(orderBodySchema.safeParse({ ...valid, side }).success, side);
  });

  it("should allow the order types the service accepts", async () => {
    for (const type of ORDER_REQUEST_SCHEMA.properties.type.enum)
      assert.ok(orderBodySchema.safeParse({ ...valid, type }).success, type);
  });

  it("should use the service's account pattern", async () => {
    assert.equal(
      new RegExp(ORDER_REQUEST_SCHEMA.properties.account.pattern).test("-bad"),
      orderBodySchema.safeParse({ ...valid, account: "-bad" }).success,
    );
  });

  it("should refuse unknown fields like the service does", async () => {
    assert.equal(ORDER_REQUEST_SCHEMA.additionalProperties, orderBodySchema.safeParse({ ...valid, extra: 1 }).success);
  });
});
