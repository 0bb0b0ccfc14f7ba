import assert from "node:assert/strict";
import { z } from "zod";
import { orderRequestModel } from "../../platform-rules/order-request";
import { orderBodySchema } from "../../services/trade-api/schemas";

const valid = {
  account: "acct-1",
  pair: "EUR/USD",
  side: "BUY",
  type: "LIMIT",
  quantity: "1000.00",
  limitPrice: "1.0850",
};

type Model = {
  required: string[];
  additionalProperties: boolean;
  properties: Record<string, { enum?: string[]; pattern?: string }>;
};
const model = orderRequestModel() as Model;

describe("orderRequestModel", () => {
  it("should equal the draft-04 JSON Schema of the service's orderBodySchema", async () => {
    assert.deepEqual(orderRequestModel(), {
      title: "OrderRequest",
      ...z.toJSONSchema(orderBodySchema, { target: "draft-04" }),
    });
  });

  it("should be a draft-04 schema, the only draft API Gateway models accept", async () => {
    assert.equal(orderRequestModel().$schema, "http://json-schema.org/draft-04/schema#");
  });

  it("should name the same fields as the service's orderBodySchema", async () => {
    assert.deepEqual(Object.keys(model.properties).sort(), Object.keys(orderBodySchema.shape).sort());
  });

  it("should require the fields the service requires", async () => {
    const required = Object.entries(orderBodySchema.shape)
      .filter(([, s]) => !s.safeParse(undefined).success)
      .map(([k]) => k);
    assert.deepEqual([...model.required].sort(), required.sort());
  });

  it("should allow the sides and order types the service accepts", async () => {
    const accepted = [
      ...(model.properties.side?.enum ?? []).map((side) => orderBodySchema.safeParse({ ...valid, side }).success),
      ...(model.properties.type?.enum ?? []).map((type) => orderBodySchema.safeParse({ ...valid, type }).success),
    ];
    assert.deepEqual(accepted, [true, true, true, true]);
  });

  it("should use the service's account pattern", async () => {
    assert.equal(
      new RegExp(model.properties.account?.pattern ?? "").test("-bad"),
      orderBodySchema.safeParse({ ...valid, account: "-bad" }).success,
    );
  });

  it("should refuse unknown fields like the service does", async () => {
    assert.equal(model.additionalProperties, orderBodySchema.safeParse({ ...valid, extra: 1 }).success);
  });
});
