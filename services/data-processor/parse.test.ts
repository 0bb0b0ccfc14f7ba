import assert from "node:assert/strict";
import fc from "fast-check";
import {
  formatOfKey,
  MAX_REPORTED_PROBLEMS,
  parseMarketFile,
  parseMarketText,
  splitCsvLine,
  type ParseResult,
} from "./parse";
import { GOOD_CSV, GOOD_JSONL } from "./testing/fixtures";

const utf8 = (text: string) => new TextEncoder().encode(text);

function failed(result: ParseResult): { code: string; problems: readonly string[]; totalProblems: number } {
  assert.equal(result.ok, false, "expected the file to be rejected");
  return result.ok ? { code: "", problems: [], totalProblems: 0 } : result;
}

describe("parse", () => {
  describe("formatOfKey", () => {
    it("should recognise csv, jsonl and ndjson in any case", async () => {
      assert.deepEqual(["a.CSV", "b.jsonl", "c.NDJSON", "d.json", "e"].map(formatOfKey), [
        "csv",
        "jsonl",
        "jsonl",
        undefined,
        undefined,
      ]);
    });
  });

  describe("splitCsvLine", () => {
    it("should unquote quoted fields and doubled quotes", async () => {
      assert.deepEqual(splitCsvLine('"EUR/USD","a ""b""",,x'), ["EUR/USD", 'a "b"', "", "x"]);
    });

    it("should report an unterminated quote", async () => {
      assert.equal(splitCsvLine('"EUR/USD,1'), undefined);
    });

    it("should report a stray quote inside an unquoted field", async () => {
      assert.equal(splitCsvLine('EUR"USD,1'), undefined);
    });
  });

  describe("parseMarketText", () => {
    it("should parse every row of a good CSV file with line numbers", async () => {
      const result = parseMarketText(GOOD_CSV, "csv");
      assert.deepEqual(result.ok && result.rows.map((r) => [r.line, r.row.pair]), [
        [2, "EUR/USD"],
        [3, "GBP/USD"],
        [4, "USD/JPY"],
      ]);
    });

    it("should accept the CSV columns in any order, any case, with CRLF and quotes", async () => {
      const text = 'Timestamp,ASK,Bid,pair\r\n2025-03-01T09:30:00Z,"1.2",1.1,"EUR/USD"\r\n';
      const result = parseMarketText(text, "csv");
      assert.deepEqual(result.ok && result.rows[0]?.row, {
        pair: "EUR/USD",
        bid: "1.1",
        ask: "1.2",
        spread: "0.1",
        timestamp: "2025-03-01T09:30:00.000Z",
      });
    });

    it("should reject a CSV header with a missing or extra column", async () => {
      assert.equal(
        failed(parseMarketText("pair,bid,ask,timestamp,venue\nEUR/USD,1,2,2025-03-01T00:00:00Z,x\n", "csv")).code,
        "bad-header",
      );
    });

    it("should reject a CSV row with the wrong number of fields, naming its line", async () => {
      assert.deepEqual(failed(parseMarketText("pair,bid,ask,timestamp\nEUR/USD,1,2\n", "csv")).problems, [
        "line 2: expected 4 fields, got 3",
      ]);
    });

    it("should quarantine the whole file for one bad row among good ones", async () => {
      const text = `${GOOD_CSV}EUR/USD,1.2,1.1,2025-03-01T00:00:00Z\n`;
      assert.deepEqual(failed(parseMarketText(text, "csv")).problems, ['line 5: bid "1.2" is above ask "1.1"']);
    });

    it("should parse good JSON lines", async () => {
      const result = parseMarketText(GOOD_JSONL, "jsonl");
      assert.equal(result.ok && result.rows.length, 2);
    });

    it("should reject a JSON line that is not JSON, naming its line", async () => {
      assert.deepEqual(failed(parseMarketText(`${GOOD_JSONL}{oops\n`, "jsonl")).problems, ["line 3: not valid JSON"]);
    });

    it("should reject a JSON line that is not an object", async () => {
      assert.deepEqual(failed(parseMarketText("[1,2]\n", "jsonl")).problems, ["line 1: must be a JSON object"]);
    });

    it("should reject a JSON line with unknown fields", async () => {
      const line = JSON.stringify({
        pair: "EUR/USD",
        bid: "1",
        ask: "2",
        timestamp: "2025-03-01T00:00:00Z",
        venue: "x",
      });
      assert.deepEqual(failed(parseMarketText(line, "jsonl")).problems, ['line 1: unknown field(s) "venue"']);
    });

    it("should reject a file with a header but no rows", async () => {
      assert.equal(failed(parseMarketText("pair,bid,ask,timestamp\n\n", "csv")).code, "no-rows");
    });

    it("should keep the first problems and count them all", async () => {
      const text = `pair,bid,ask,timestamp\n${"x,1,2,2025-03-01T00:00:00Z\n".repeat(50)}`;
      const result = failed(parseMarketText(text, "csv"));
      assert.deepEqual([result.problems.length, result.totalProblems], [MAX_REPORTED_PROBLEMS, 50]);
    });

    it("should never throw for any text in either format", async () => {
      fc.assert(
        fc.property(
          fc.string({ unit: "binary", maxLength: 300 }),
          fc.constantFrom("csv" as const, "jsonl" as const),
          (text, format) => {
            parseMarketText(text, format);
          },
        ),
      );
    });

    it("should be idempotent: normalized rows parse back to themselves", async () => {
      const price = fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 0, max: 5 })).map(([u, s]) => {
        const d = String(u).padStart(s + 1, "0");
        return s === 0 ? d : `${d.slice(0, -s)}.${d.slice(-s)}`;
      });
      const row = fc.record({
        pair: fc.constantFrom("EUR/USD", "GBP/USD", "USD/JPY"),
        bid: price,
        timestamp: fc
          .date({ min: new Date(0), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
          .map((d) => d.toISOString()),
      });
      fc.assert(
        fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
          const first = parseMarketText(rows.map((r) => JSON.stringify({ ...r, ask: r.bid })).join("\n"), "jsonl");
          assert.ok(first.ok);
          const again = parseMarketText(
            first.rows.map(({ row: { spread: _s, ...rest } }) => JSON.stringify(rest)).join("\n"),
            "jsonl",
          );
          assert.deepEqual(
            again.ok && again.rows.map((r) => r.row),
            first.rows.map((r) => r.row),
          );
        }),
      );
    });
  });

  describe("parseMarketFile", () => {
    it("should drop a UTF-8 byte order mark before the header", async () => {
      assert.equal(parseMarketFile(utf8(`\uFEFF${GOOD_CSV}`), "csv").ok, true);
    });

    it("should reject bytes that are not UTF-8", async () => {
      assert.equal(failed(parseMarketFile(new Uint8Array([0x70, 0xff, 0xfe, 0x0a]), "csv")).code, "bad-encoding");
    });
  });

  it("should quarantine a JSON line nested 10,000 levels deep instead of throwing", async () => {
    const deep = `{"pair":${"[".repeat(10_000)}${"]".repeat(10_000)},"bid":"1.1","ask":"1.2","timestamp":"2025-03-01T09:30:00Z"}`;
    const result = failed(parseMarketText(`${deep}\n`, "jsonl"));
    assert.equal(result.code, "bad-rows");
    assert.match(result.problems[0] ?? "", /line 1: .*nested/);
  });
});
