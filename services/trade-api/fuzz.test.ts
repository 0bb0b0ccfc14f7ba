/**
 * Property-based fuzzing of POST /v1/orders through the real handler on embedded PostgreSQL
 * and dynalite. Each generated request carries the outcome its generator intended; the
 * handler must produce exactly that class, never a 5xx, and book only the valid ones.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { compare, formatDecimal, multiply, parseDecimal, roundHalfEven } from "../shared/money";
import { minorUnits } from "./domain/currency";
import { DEFAULT_REFERENCE_RATES } from "./domain/pricing";
import { apiEvent } from "./testing/events";
import { startTradeFixture, TEST_API_KEY, type TradeFixture } from "./testing/fixture";

const RUNS = 2500;
const PAIRS = Object.keys(DEFAULT_REFERENCE_RATES);
type Expect = 201 | 400 | 401 | 413 | 415 | 422;

const dec = (text: string) => parseDecimal(text) ?? { units: 0n, scale: 0 };
const quantityArb = fc
  .tuple(fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.constantFrom(0, 1, 2), fc.integer({ min: 0, max: 99 }))
  .map(([int, scale, frac]) => (scale === 0 ? `${int}` : `${int}.${String(frac).padStart(2, "0").slice(0, scale)}`))
  .filter((q) => dec(q).units > 0n);

/** A limit a little above or below the reference rate; `strict` keeps it off the rate itself. */
const limitArb = (pair: string, above: boolean, strict: boolean) =>
  fc.integer({ min: 0, max: 50_000 }).map((bp) => {
    const rate = dec(DEFAULT_REFERENCE_RATES[pair] ?? "1");
    const scaled = (rate.units * BigInt(bp)) / 100_000n;
    const delta = strict && scaled === 0n ? 1n : scaled;
    return formatDecimal({ units: above ? rate.units + delta : rate.units - delta, scale: rate.scale });
  });

const baseArb = fc.record({
  account: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/),
  pair: fc.constantFrom(...PAIRS),
  side: fc.constantFrom("BUY", "SELL"),
  quantity: quantityArb,
});

const validBodyArb: fc.Arbitrary<{ body: Record<string, unknown>; expect: Expect }> = baseArb.chain((b) =>
  fc.oneof(
    fc.constant({ body: { ...b, type: "MARKET" }, expect: 201 as Expect }),
    fc.boolean().chain((fills) =>
      limitArb(b.pair, (b.side === "BUY") === fills, !fills)
        .filter((l) => dec(l).units > 0n)
        .map((limitPrice) => ({ body: { ...b, type: "LIMIT", limitPrice }, expect: (fills ? 201 : 422) as Expect })),
    ),
  ),
);

const badValue = fc.oneof(
  fc.constantFrom("0", "0.00", "-1", "1.001", "1e3", " 1", "01", "abc", "", "1.", ".5", "9999999999999", "NaN"),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
);
const invalidBodyArb: fc.Arbitrary<unknown> = fc.oneof(
  validBodyArb.chain(({ body }) => badValue.map((quantity) => ({ ...body, quantity }))),
  validBodyArb.chain(({ body }) =>
    fc.constantFrom("EUR/SEK", "eur/usd", "EURUSD", "", "USD/USD", 7).map((pair) => ({ ...body, pair })),
  ),
  validBodyArb.chain(({ body }) => fc.constantFrom("buy", "HOLD", "", 1).map((side) => ({ ...body, side }))),
  validBodyArb.chain(({ body }) => fc.constantFrom("STOP", "market", null).map((type) => ({ ...body, type }))),
  validBodyArb.chain(({ body }) =>
    fc.constantFrom("account", "pair", "side", "type", "quantity").map((k) => ({ ...body, [k]: undefined })),
  ),
  validBodyArb.chain(({ body }) =>
    fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((k) => !(k in body) && k !== "limitPrice")
      .map((k) => ({ ...body, [k]: "x" })),
  ),
  validBodyArb.chain(({ body }) =>
    badValue.filter((v) => v !== "1.001").map((limitPrice) => ({ ...body, type: "LIMIT", limitPrice })),
  ),
  baseArb.map((b) => ({ ...b, type: "MARKET", limitPrice: "1.1" })),
  baseArb.map((b) => ({ ...b, type: "LIMIT" })),
  fc.jsonValue().filter((v) => typeof v !== "object" || v === null || Array.isArray(v)),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }),
);

interface Case {
  readonly event: APIGatewayProxyEvent;
  readonly expect: Expect;
  readonly body?: Record<string, unknown>;
}

let keySeq = 0;
const caseName = (name: string) =>
  fc.constantFrom(
    name,
    name.toUpperCase(),
    name.toLowerCase(),
    name.replace(/^./, (c) => c.toUpperCase()),
  );

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    body: fc.oneof(
      {
        weight: 5,
        arbitrary: validBodyArb.map((v) => ({ text: JSON.stringify(v.body), expect: v.expect, body: v.body })),
      },
      {
        weight: 3,
        arbitrary: invalidBodyArb.map((b) => ({
          text: JSON.stringify(b) ?? "null",
          expect: 400 as Expect,
          body: undefined,
        })),
      },
      {
        weight: 1,
        arbitrary: fc.string({ maxLength: 40 }).map((text) => ({ text, expect: 400 as Expect, body: undefined })),
      },
      {
        weight: 1,
        arbitrary: validBodyArb.map((v) => ({
          text: JSON.stringify(v.body).replace("{", '{"__proto__":{"x":1},'),
          expect: 400 as Expect,
          body: undefined,
        })),
      },
      {
        weight: 1,
        arbitrary: validBodyArb.map((v) => ({
          text: JSON.stringify(v.body) + " ".repeat(16 * 1024),
          expect: 413 as Expect,
          body: undefined,
        })),
      },
    ),
    apiKey: fc.oneof(
      { weight: 8, arbitrary: fc.constant<string | undefined>(TEST_API_KEY) },
      { weight: 1, arbitrary: fc.constantFrom<string | undefined>(undefined, "", "wrong-key") },
    ),
    contentType: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.constantFrom<string | undefined>(
          "application/json",
          "Application/JSON; charset=UTF-8",
          "application/json;charset=utf-8",
        ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom<string | undefined>(
          undefined,
          "text/plain",
          "application/xml",
          "application/json; charset=latin1",
          "",
        ),
      },
    ),
    idemKey: fc.oneof(
      { weight: 8, arbitrary: fc.constant<string | undefined>("fresh") },
      {
        weight: 1,
        arbitrary: fc.constantFrom<string | undefined>(undefined, "", "has space", "k".repeat(65), "ключ", "a/b"),
      },
    ),
    base64: fc.boolean(),
    names: fc.tuple(caseName("content-type"), caseName("x-api-key"), caseName("idempotency-key")),
  })
  .map(({ body, apiKey, contentType, idemKey, base64, names }) => {
    const headers: Record<string, string> = {};
    if (contentType !== undefined) headers[names[0]] = contentType;
    if (apiKey !== undefined) headers[names[1]] = apiKey;
    keySeq += 1;
    if (idemKey !== undefined) headers[names[2]] = idemKey === "fresh" ? `fz-${process.pid}-${keySeq}` : idemKey;
    const jsonOk = contentType !== undefined && /^application\/json\s*(;\s*charset=utf-?8)?$/i.test(contentType);
    const keyOk = idemKey === "fresh";
    const expect: Expect =
      apiKey !== TEST_API_KEY ? 401 : !jsonOk ? 415 : body.expect === 413 ? 413 : !keyOk ? 400 : body.expect;
    const event = apiEvent({
      httpMethod: "POST",
      path: "/v1/orders",
      resource: "/v1/orders",
      headers,
      body: base64 ? Buffer.from(body.text, "utf8").toString("base64") : body.text,
      isBase64Encoded: base64,
    });
    return { event, expect, body: expect === 201 ? body.body : undefined };
  });

function expectedNotional(body: Record<string, unknown>): string {
  const pair = String(body.pair);
  const qty = dec(String(body.quantity));
  return formatDecimal(
    roundHalfEven(multiply(qty, dec(DEFAULT_REFERENCE_RATES[pair] ?? "")), minorUnits(pair.slice(4))),
  );
}

describe("trade API fuzzing (fast-check)", () => {
  let f: TradeFixture;
  before(async () => {
    f = await startTradeFixture();
  });
  after(async () => {
    await f.stop();
  });

  it(`should answer ${RUNS} generated requests with the intended status, never a 5xx, booking only valid orders`, async () => {
    const before = await f.ledgerCount();
    let booked = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const res = await f.api(c.event);
        assert.ok(res.statusCode < 500, `5xx for ${JSON.stringify(c.event.headers)} ${c.event.body}: ${res.body}`);
        assert.equal(res.statusCode, c.expect, `expected ${c.expect} for ${c.event.body?.slice(0, 200)}: ${res.body}`);
        const body = JSON.parse(res.body) as Record<string, any>;
        if (res.statusCode !== 201) {
          assert.equal(typeof body.error?.code, "string");
          assert.equal(typeof body.error?.message, "string");
          assert.ok(Array.isArray(body.error?.details));
          return;
        }
        booked += 1;
        const sent = c.body ?? {};
        assert.deepEqual(
          [body.account, body.pair, body.side, body.type],
          [sent.account, sent.pair, sent.side, sent.type],
        );
        assert.match(body.quantity, /^\d+\.\d{2}$/);
        assert.equal(compare(dec(body.quantity), dec(String(sent.quantity))), 0);
        assert.equal(body.price, DEFAULT_REFERENCE_RATES[String(sent.pair)]);
        assert.equal(body.notional, expectedNotional(sent));
      }),
      { numRuns: RUNS },
    );
    assert.equal(await f.ledgerCount(), before + booked);
    const verdict = await f.store.verifyLedger();
    assert.equal(verdict.valid, true);
  });
});
