import assert from "node:assert/strict";
import fc from "fast-check";
import { compare, parseDecimal } from "../shared/money";
import { validateRow, type RowResult } from "./row";

const good = { pair: "EUR/USD", bid: "1.08345", ask: "1.08355", timestamp: "2025-03-01T09:30:00Z" };

function problems(result: RowResult): readonly string[] {
  assert.equal(result.ok, false, "expected the row to be rejected");
  return result.ok ? [] : result.problems;
}

describe("validateRow", () => {
  it("should normalize a good row and compute the exact spread", async () => {
    assert.deepEqual(validateRow(good), {
      ok: true,
      row: {
        pair: "EUR/USD",
        bid: "1.08345",
        ask: "1.08355",
        spread: "0.00010",
        timestamp: "2025-03-01T09:30:00.000Z",
      },
    });
  });

  it("should compute the spread at the larger scale when bid and ask differ in precision", async () => {
    const result = validateRow({ ...good, bid: "149.8", ask: "149.875" });
    assert.equal(result.ok && result.row.spread, "0.075");
  });

  it("should accept bid equal to ask", async () => {
    assert.equal(validateRow({ ...good, bid: "1.5", ask: "1.50" }).ok, true);
  });

  it("should refuse a bid above the ask", async () => {
    assert.match(problems(validateRow({ ...good, bid: "1.1", ask: "1.09" })).join(), /bid "1.1" is above ask "1.09"/);
  });

  it("should refuse a price given as a JSON number", async () => {
    assert.match(problems(validateRow({ ...good, bid: 1.08345 })).join(), /^bid: .*not a JSON number/);
  });

  it("should refuse signs, exponents and leading zeros in prices", async () => {
    for (const bad of ["-1.0", "1e3", "01.5", " 1.5"])
      assert.match(problems(validateRow({ ...good, ask: bad })).join(), /^ask: /, bad);
  });

  it("should refuse a zero price", async () => {
    assert.match(problems(validateRow({ ...good, bid: "0.0" })).join(), /bid: must be greater than zero/);
  });

  it("should refuse a pair that is not two ISO-4217 codes with a slash", async () => {
    assert.match(problems(validateRow({ ...good, pair: "EURUSD" })).join(), /^pair: "EURUSD" must be/);
  });

  it("should refuse a pair with the same currency twice", async () => {
    assert.match(problems(validateRow({ ...good, pair: "USD/USD" })).join(), /same currency twice/);
  });

  it("should refuse a timestamp with an offset", async () => {
    assert.match(problems(validateRow({ ...good, timestamp: "2025-03-01T09:30:00+01:00" })).join(), /^timestamp: /);
  });

  it("should report every bad field of a row at once", async () => {
    assert.equal(problems(validateRow({ pair: "x", bid: "y", ask: "z", timestamp: "t" })).length, 4);
  });

  it("should cut long values short in its messages", async () => {
    assert.ok(problems(validateRow({ ...good, pair: "X".repeat(5000) }))[0]!.length < 120);
  });

  it("should never throw, whatever the field values", async () => {
    fc.assert(
      fc.property(
        fc.record(
          { pair: fc.anything(), bid: fc.anything(), ask: fc.anything(), timestamp: fc.anything() },
          { requiredKeys: [] },
        ),
        (raw) => {
          validateRow(raw);
        },
      ),
    );
  });

  it("should always produce a spread equal to ask minus bid", async () => {
    const price = fc
      .tuple(fc.bigInt({ min: 1n, max: 10n ** 12n - 1n }), fc.integer({ min: 0, max: 6 }))
      .map(([units, scale]) => {
        const digits = units.toString().padStart(scale + 1, "0");
        return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      });
    fc.assert(
      fc.property(price, price, (a, b) => {
        const [bid, ask] = compare(parseDecimal(a)!, parseDecimal(b)!) <= 0 ? [a, b] : [b, a];
        const result = validateRow({ ...good, bid, ask });
        assert.ok(result.ok, `rejected ${bid}/${ask}`);
        const s = parseDecimal(result.row.spread)!;
        const x = parseDecimal(bid)!;
        const y = parseDecimal(ask)!;
        const scale = Math.max(x.scale, y.scale, s.scale);
        const at = (d: { units: bigint; scale: number }) => d.units * 10n ** BigInt(scale - d.scale);
        assert.equal(at(s), at(y) - at(x));
      }),
    );
  });
});
