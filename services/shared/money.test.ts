import assert from "node:assert/strict";
import fc from "fast-check";
import { compare, formatDecimal, multiply, parseDecimal, roundHalfEven } from "./money";

const d = (text: string) => {
  const parsed = parseDecimal(text);
  assert.ok(parsed, `test value ${text} should parse`);
  return parsed;
};

describe("money", () => {
  it("should parse a plain decimal into units and scale", async () => {
    assert.deepEqual(parseDecimal("1083.45"), { units: 108345n, scale: 2 });
  });

  it("should refuse signs, exponents, spaces and leading zeros", async () => {
    for (const bad of ["-1", "+1", "1e3", " 1", "1 ", "01", "1.", ".5", "", "1,5", "NaN", "Infinity"]) {
      assert.equal(parseDecimal(bad), undefined, bad);
    }
  });

  it("should refuse more decimals than maxScale allows", async () => {
    assert.equal(parseDecimal("1.234", { maxScale: 2 }), undefined);
    assert.deepEqual(parseDecimal("1.23", { maxScale: 2 }), { units: 123n, scale: 2 });
  });

  it("should refuse more integer digits than maxIntegerDigits allows", async () => {
    assert.equal(parseDecimal("1000", { maxIntegerDigits: 3 }), undefined);
  });

  it("should multiply exactly without floating point", async () => {
    assert.equal(formatDecimal(multiply(d("0.10"), d("0.20"))), "0.0200");
  });

  it("should round ties to the even neighbour", async () => {
    assert.equal(formatDecimal(roundHalfEven(d("0.625"), 2)), "0.62");
    assert.equal(formatDecimal(roundHalfEven(d("0.675"), 2)), "0.68");
    assert.equal(formatDecimal(roundHalfEven(d("2.5"), 0)), "2");
    assert.equal(formatDecimal(roundHalfEven(d("3.5"), 0)), "4");
  });

  it("should round non-ties to the nearest neighbour", async () => {
    assert.equal(formatDecimal(roundHalfEven(d("0.6251"), 2)), "0.63");
    assert.equal(formatDecimal(roundHalfEven(d("0.6249"), 2)), "0.62");
  });

  it("should round negative ties to the even neighbour", async () => {
    assert.equal(formatDecimal(roundHalfEven({ units: -625n, scale: 3 }, 2)), "-0.62");
  });

  it("should pad when rounding to a larger scale", async () => {
    assert.equal(formatDecimal(roundHalfEven(d("1.5"), 3)), "1.500");
  });

  it("should format zero-scale and small values with a leading zero", async () => {
    assert.equal(formatDecimal(d("151")), "151");
    assert.equal(formatDecimal({ units: 5n, scale: 3 }), "0.005");
  });

  it("should compare values of different scales by value", async () => {
    assert.equal(compare(d("1.5"), d("1.50")), 0);
    assert.equal(compare(d("1.49"), d("1.5")), -1);
    assert.equal(compare(d("2"), d("1.999")), 1);
  });

  it("should round-trip any parsed decimal through formatDecimal", async () => {
    const decimalText = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }))
      .map(([units, scale]) => formatDecimal({ units, scale }));
    fc.assert(fc.property(decimalText, (text) => formatDecimal(d(text)) === text));
  });

  it("should never move a value by more than half a unit of the target scale", async () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 6 }),
        (units, scale) => {
          const value = { units, scale: 6 };
          const rounded = roundHalfEven(value, scale);
          const diff = units - rounded.units * 10n ** BigInt(6 - scale);
          const half = 10n ** BigInt(6 - scale) / 2n;
          return (diff < 0n ? -diff : diff) <= half;
        },
      ),
    );
  });
});
