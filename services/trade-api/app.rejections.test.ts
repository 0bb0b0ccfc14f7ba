import { createHash } from "node:crypto";
import assert from "node:assert/strict";
import { apiEvent, MARKET_ORDER, orderEvent } from "./testing/events";
import { startTradeFixture, TEST_API_KEY, type TradeFixture } from "./testing/fixture";

const errorOf = (body: string) =>
  (JSON.parse(body) as { error: { code: string; message: string; details: Array<{ path: string }> } }).error;

describe("trade API rejections", () => {
  let f: TradeFixture;
  before(async () => {
    f = await startTradeFixture();
  });
  after(async () => {
    await f.stop();
  });

  const expect400 = async (body: unknown, path: string) => {
    const res = await f.api(orderEvent(body));
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(
      errorOf(res.body).details.some((d) => d.path === path),
      `${res.body} should name ${path}`,
    );
  };

  it("should answer 400 INVALID_JSON for a malformed body", async () => {
    const res = await f.api(orderEvent("{not json"));
    assert.equal(res.statusCode, 400);
    assert.equal(errorOf(res.body).code, "INVALID_JSON");
  });

  it("should answer 400 when the body is JSON but not an object", async () => {
    assert.equal((await f.api(orderEvent("[1,2]"))).statusCode, 400);
  });

  it("should answer 400 naming an unknown field", async () => {
    const res = await f.api(orderEvent({ ...MARKET_ORDER, leverage: "100" }));
    assert.equal(res.statusCode, 400);
    assert.match(
      errorOf(res.body)
        .details.map((d) => JSON.stringify(d))
        .join(),
      /leverage/,
    );
  });

  it("should answer 400 for a quantity that is a number, not a string", async () =>
    expect400({ ...MARKET_ORDER, quantity: 1000 }, "body.quantity"));
  it("should answer 400 for a pair outside the allowed list", async () =>
    expect400({ ...MARKET_ORDER, pair: "EUR/SEK" }, "body.pair"));
  it("should answer 400 for a zero quantity", async () =>
    expect400({ ...MARKET_ORDER, quantity: "0.00" }, "body.quantity"));
  it("should answer 400 for a negative quantity", async () =>
    expect400({ ...MARKET_ORDER, quantity: "-1" }, "body.quantity"));
  it("should answer 400 for a quantity with three decimals", async () =>
    expect400({ ...MARKET_ORDER, quantity: "1.001" }, "body.quantity"));
  it("should answer 400 for a side outside BUY/SELL", async () =>
    expect400({ ...MARKET_ORDER, side: "HOLD" }, "body.side"));
  it("should answer 400 for a LIMIT order without limitPrice", async () =>
    expect400({ ...MARKET_ORDER, type: "LIMIT" }, "body.limitPrice"));
  it("should answer 400 for a MARKET order with limitPrice", async () =>
    expect400({ ...MARKET_ORDER, limitPrice: "1.1" }, "body.limitPrice"));
  it("should answer 400 for a zero limitPrice", async () =>
    expect400({ ...MARKET_ORDER, type: "LIMIT", limitPrice: "0" }, "body.limitPrice"));
  it("should answer 400 for a missing account", async () =>
    expect400({ ...MARKET_ORDER, account: undefined }, "body.account"));

  it("should answer 400 naming the header when Idempotency-Key is missing", async () => {
    const event = orderEvent(MARKET_ORDER);
    delete event.headers["Idempotency-Key"];
    const res = await f.api(event);
    assert.equal(res.statusCode, 400);
    assert.equal(errorOf(res.body).details[0]?.path, "header.Idempotency-Key");
  });

  it("should answer 400 for an Idempotency-Key with forbidden characters", async () => {
    assert.equal((await f.api(orderEvent(MARKET_ORDER, { "Idempotency-Key": "a b" }))).statusCode, 400);
  });

  it("should answer 400 for an Idempotency-Key longer than 64 characters", async () => {
    assert.equal((await f.api(orderEvent(MARKET_ORDER, { "Idempotency-Key": "a".repeat(65) }))).statusCode, 400);
  });

  it("should answer 401 without an x-api-key header", async () => {
    const event = orderEvent(MARKET_ORDER);
    delete event.headers["x-api-key"];
    const res = await f.api(event);
    assert.equal(res.statusCode, 401);
    assert.equal(errorOf(res.body).code, "UNAUTHORIZED");
  });

  it("should answer 401 for an unknown API key and audit the denial", async () => {
    const res = await f.api(orderEvent(MARKET_ORDER, { "x-api-key": "nope" }));
    assert.equal(res.statusCode, 401);
    assert.ok(f.audit.events.some((e) => e.outcome === "DENIED"));
  });

  it("should audit a denial even when the request path is far longer than an audit resource may be", async () => {
    const path = `/v1/orders/${"a".repeat(10_000)}`;
    const res = await f.api(apiEvent({ path, resource: "/v1/orders/{orderId}", headers: { "x-api-key": "nope" } }));
    assert.equal(res.statusCode, 401);
    const denial = f.audit.events.find((e) => e.outcome === "DENIED" && e.resource.startsWith("GET /v1/orders/aaa"));
    assert.ok(denial, "the denial was not recorded");
    assert.ok(denial.resource.length <= 512, `resource is ${denial.resource.length} characters`);
    assert.equal(denial.data.resourceLength, `GET ${path}`.length);
    assert.equal(denial.data.resourceSha256, createHash("sha256").update(`GET ${path}`).digest("hex"));
  });

  it("should refuse an account that looks like a card number with a 400 saying why, booking and auditing nothing", async () => {
    const ledgerBefore = await f.ledgerCount();
    for (const account of ["4111111111111111", "ACC-4111-1111-1111-1111"]) {
      const res = await f.api(orderEvent({ ...MARKET_ORDER, account }));
      assert.equal(res.statusCode, 400, res.body);
      const detail = errorOf(res.body).details.find((d) => d.path === "body.account") as
        { message: string } | undefined;
      assert.match(detail?.message ?? "", /card number/);
      assert.doesNotMatch(res.body, /4111[ -]?1111[ -]?1111[ -]?1111/);
    }
    assert.equal(await f.ledgerCount(), ledgerBefore);
    assert.doesNotMatch(JSON.stringify(f.audit.events), /4111[ -]?1111[ -]?1111[ -]?1111/);
  });

  it("should refuse an Idempotency-Key that looks like a card number", async () => {
    const res = await f.api(orderEvent(MARKET_ORDER, { "Idempotency-Key": "4111111111111111" }));
    assert.equal(res.statusCode, 400);
    assert.match(errorOf(res.body).details[0]?.path ?? "", /Idempotency-Key/);
  });

  it("should mask a card number in the path of a denied request before auditing it", async () => {
    const res = await f.api(apiEvent({ path: "/v1/orders/4111111111111111", headers: { "x-api-key": "nope" } }));
    assert.equal(res.statusCode, 401);
    assert.ok(f.audit.events.some((e) => e.resource === "GET /v1/orders/************1111"));
    assert.doesNotMatch(JSON.stringify(f.audit.events), /4111111111111111/);
  });

  it("should answer 401 on GET /v1/ledger/verify without a key", async () => {
    assert.equal((await f.api(apiEvent({ path: "/v1/ledger/verify" }))).statusCode, 401);
  });

  it("should answer 415 for a non-JSON content type", async () => {
    const res = await f.api(orderEvent(MARKET_ORDER, { "Content-Type": "text/plain" }));
    assert.equal(res.statusCode, 415);
    assert.equal(errorOf(res.body).code, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("should answer 415 for JSON in a charset other than UTF-8", async () => {
    assert.equal(
      (await f.api(orderEvent(MARKET_ORDER, { "Content-Type": "application/json; charset=latin1" }))).statusCode,
      415,
    );
  });

  it("should answer 413 for a body over 16 KiB", async () => {
    const res = await f.api(orderEvent({ ...MARKET_ORDER, account: "x".repeat(17 * 1024) }));
    assert.equal(res.statusCode, 413);
    assert.equal(errorOf(res.body).code, "PAYLOAD_TOO_LARGE");
  });

  it("should answer 413 for a base64 body that decodes to over 16 KiB", async () => {
    const event = orderEvent(Buffer.alloc(16 * 1024 + 1, 32).toString("base64"));
    event.isBase64Encoded = true;
    assert.equal((await f.api(event)).statusCode, 413);
  });

  it("should answer 400 for a body that is not valid UTF-8", async () => {
    const event = orderEvent(Buffer.from([0x7b, 0xff, 0x7d]).toString("base64"));
    event.isBase64Encoded = true;
    assert.equal((await f.api(event)).statusCode, 400);
  });

  it("should answer 404 with the envelope for an unknown order id", async () => {
    const res = await f.api(apiEvent({ path: "/v1/orders/not-a-uuid", headers: { "x-api-key": TEST_API_KEY } }));
    assert.equal(res.statusCode, 404);
    assert.equal(errorOf(res.body).code, "NOT_FOUND");
  });

  it("should answer 404 for an unknown route", async () => {
    assert.equal((await f.api(apiEvent({ path: "/v2/anything" }))).statusCode, 404);
  });

  it("should answer 405 with an Allow header for a wrong method", async () => {
    const res = await f.api(apiEvent({ httpMethod: "DELETE", path: "/v1/orders" }));
    assert.equal(res.statusCode, 405);
    assert.equal(res.headers?.allow, "POST");
  });

  it("should answer GET /health with 200 without a key", async () => {
    assert.equal((await f.api(apiEvent({ path: "/health" }))).statusCode, 200);
  });

  it("should book nothing for any rejected request", async () => {
    assert.equal(await f.ledgerCount(), 0);
  });
});
