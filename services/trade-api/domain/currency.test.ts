import assert from "node:assert/strict";
import { minorUnits, parseAllowedPairs, parsePair } from "./currency";

describe("currency", () => {
  it("should know the minor units of JPY, USD and KWD", async () => {
    assert.deepEqual([minorUnits("JPY"), minorUnits("USD"), minorUnits("KWD")], [0, 2, 3]);
  });

  it("should refuse a pair of one currency, unknown codes or lower case", async () => {
    for (const bad of ["USD/USD", "XXX/USD", "eur/usd", "EURUSD", "EUR/USD "])
      assert.equal(parsePair(bad), undefined, bad);
  });

  it("should parse an allowed-pairs list, trimming and de-duplicating", async () => {
    assert.deepEqual(parseAllowedPairs(" EUR/USD, GBP/USD,EUR/USD "), ["EUR/USD", "GBP/USD"]);
  });

  it("should name every invalid pair in the setting", async () => {
    assert.throws(() => parseAllowedPairs("EUR/USD,FOO/BAR,usd/jpy"), /invalid pairs .*: FOO\/BAR, usd\/jpy/);
  });

  it("should refuse an empty list", async () => {
    assert.throws(() => parseAllowedPairs(" , "), /at least one pair/);
  });
});
