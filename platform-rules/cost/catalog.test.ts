import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadPriceCatalog, parsePriceCatalog, priceCatalogJsonSchema } from "./catalog";
import { PRICERS } from "./pricers";

describe("price catalog", () => {
  it("should match its committed JSON Schema", async () => {
    const committed = JSON.parse(readFileSync(join(__dirname, "price-catalog.schema.json"), "utf8"));
    assert.deepEqual(
      committed,
      priceCatalogJsonSchema(),
      "run: npm run docs (it regenerates price-catalog.schema.json)",
    );
  });

  it("should have a pricer for every type it marks priced", async () => {
    const priced = Object.entries(loadPriceCatalog().types)
      .filter(([, e]) => e.class === "priced")
      .map(([t]) => t);
    assert.deepEqual(
      priced.filter((t) => !PRICERS[t]),
      [],
    );
  });

  it("should mark priced every type that has a pricer", async () => {
    const types = loadPriceCatalog().types;
    assert.deepEqual(
      Object.keys(PRICERS).filter((t) => types[t]?.class !== "priced"),
      [],
    );
  });

  it("should refuse a price without its source", async () => {
    const doc = {
      currency: "USD",
      pricesAsOf: "2026-12-01",
      hoursPerMonth: 730,
      prices: { "us-east-1/x": { usd: 1, unit: "hour", read: "2026-12-01" } },
      types: {},
    };
    assert.throws(() => parsePriceCatalog(doc, "test"), /prices\.us-east-1\/x\.source/);
  });

  it("should refuse a free type without a reason", async () => {
    const doc = {
      currency: "USD",
      pricesAsOf: "2026-12-01",
      hoursPerMonth: 730,
      prices: {},
      types: { "aws:iam/role:Role": { class: "free" } },
    };
    assert.throws(() => parsePriceCatalog(doc, "test"), /types\.aws:iam\/role:Role\.reason/);
  });
});
