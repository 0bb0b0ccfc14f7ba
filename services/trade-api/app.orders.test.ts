import assert from "node:assert/strict";
import { chainCandidates } from "./domain/ledger";
import { CHAIN_CANDIDATES, LEDGER_CHAINS } from "./store/migrations";
import { apiEvent, MARKET_ORDER, newKey, orderEvent } from "./testing/events";
import { OTHER_API_KEY, startTradeFixture, TEST_API_KEY, type TradeFixture } from "./testing/fixture";
import { verifyProof, type ProofDocument } from "./client/verify-proof";
import { writeDigest } from "./store/digest-writer";

const json = (body: string) => JSON.parse(body) as Record<string, any>;

describe("trade API POST /v1/orders", () => {
  let f: TradeFixture;
  before(async () => {
    f = await startTradeFixture();
  });
  after(async () => {
    await f.stop();
  });

  it("should book a MARKET order at the reference rate with a half-even notional", async () => {
    const res = await f.api(orderEvent(MARKET_ORDER));
    assert.equal(res.statusCode, 201);
    const body = json(res.body);
    assert.deepEqual(Object.keys(body).sort(), [
      "account",
      "ledger",
      "notional",
      "orderId",
      "pair",
      "price",
      "quantity",
      "side",
      "status",
      "type",
    ]);
    assert.equal(body.price, "1.08345");
    assert.equal(body.notional, "1083.45");
    assert.equal(body.quantity, "1000.00");
    assert.equal(body.status, "FILLED");
    assert.match(body.ledger.hash, /^[0-9a-f]{64}$/);
  });

  it("should round a JPY notional to whole yen", async () => {
    const res = await f.api(orderEvent({ ...MARKET_ORDER, pair: "USD/JPY", quantity: "0.50" }));
    assert.equal(json(res.body).notional, "76"); // 0.50 × 151.237 = 75.6185
  });

  it("should book a LIMIT BUY whose limit is at or above the reference rate", async () => {
    const res = await f.api(orderEvent({ ...MARKET_ORDER, type: "LIMIT", limitPrice: "1.08345" }));
    assert.equal(res.statusCode, 201);
  });

  it("should answer 422 NOT_MARKETABLE and book nothing when a LIMIT BUY is below the rate", async () => {
    const before = await f.ledgerCount();
    const res = await f.api(orderEvent({ ...MARKET_ORDER, type: "LIMIT", limitPrice: "1.08" }));
    assert.equal(res.statusCode, 422);
    assert.equal(json(res.body).error.code, "NOT_MARKETABLE");
    assert.equal(await f.ledgerCount(), before);
  });

  it("should answer 422 when a LIMIT SELL is above the rate", async () => {
    const res = await f.api(orderEvent({ ...MARKET_ORDER, side: "SELL", type: "LIMIT", limitPrice: "1.1" }));
    assert.equal(res.statusCode, 422);
  });

  it("should replay the original response and book nothing for an exact retry", async () => {
    const key = newKey();
    const first = await f.api(orderEvent(MARKET_ORDER, { "Idempotency-Key": key }));
    const count = await f.ledgerCount();
    const second = await f.api(orderEvent(MARKET_ORDER, { "Idempotency-Key": key }));
    assert.equal(second.statusCode, 201);
    assert.deepEqual(json(second.body), json(first.body));
    assert.equal(await f.ledgerCount(), count);
  });

  it("should treat 1000 and 1000.00 as the same order on retry", async () => {
    const key = newKey();
    const first = await f.api(orderEvent(MARKET_ORDER, { "Idempotency-Key": key }));
    const second = await f.api(orderEvent({ ...MARKET_ORDER, quantity: "1000" }, { "Idempotency-Key": key }));
    assert.deepEqual(json(second.body), json(first.body));
  });

  it("should answer 409 when an Idempotency-Key is reused with a different body", async () => {
    const key = newKey();
    await f.api(orderEvent(MARKET_ORDER, { "Idempotency-Key": key }));
    const res = await f.api(orderEvent({ ...MARKET_ORDER, quantity: "2.00" }, { "Idempotency-Key": key }));
    assert.equal(res.statusCode, 409);
    assert.equal(json(res.body).error.code, "IDEMPOTENCY_KEY_REUSED");
  });

  it("should scope Idempotency-Keys per client", async () => {
    const key = newKey();
    const mine = await f.api(orderEvent(MARKET_ORDER, { "Idempotency-Key": key }));
    const theirs = await f.api(orderEvent(MARKET_ORDER, { "Idempotency-Key": key, "x-api-key": OTHER_API_KEY }));
    assert.equal(theirs.statusCode, 201);
    assert.notEqual(json(theirs.body).orderId, json(mine.body).orderId);
  });

  it("should book exactly once when retries with one key race", async () => {
    const key = newKey();
    const before = await f.ledgerCount();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => f.api(orderEvent(MARKET_ORDER, { "Idempotency-Key": key }))),
    );
    assert.deepEqual(new Set(results.map((r) => r.statusCode)), new Set([201]));
    assert.equal(new Set(results.map((r) => json(r.body).orderId)).size, 1);
    assert.equal(await f.ledgerCount(), before + 1);
  });

  it("should read headers case-insensitively", async () => {
    const event = orderEvent(MARKET_ORDER);
    event.headers = {
      "CONTENT-TYPE": "Application/JSON; charset=UTF-8",
      "X-Api-Key": event.headers["x-api-key"] ?? "",
      "idempotency-key": newKey(),
    };
    assert.equal((await f.api(event)).statusCode, 201);
  });

  it("should decode a base64-encoded body", async () => {
    const event = orderEvent(Buffer.from(JSON.stringify(MARKET_ORDER)).toString("base64"));
    event.isBase64Encoded = true;
    assert.equal((await f.api(event)).statusCode, 201);
  });

  it("should record the booking in an audit event", async () => {
    const res = await f.api(orderEvent(MARKET_ORDER));
    const orderId = json(res.body).orderId as string;
    const event = f.audit.events.find((e) => e.resource === `order/${orderId}`);
    assert.equal(event?.outcome, "SUCCESS");
    assert.equal(event?.action, "order.book");
  });

  it("should answer GET /v1/orders/{id} with the booked order", async () => {
    const booked = json((await f.api(orderEvent(MARKET_ORDER))).body);
    const res = await f.api(apiEvent({ path: `/v1/orders/${booked.orderId}`, headers: { "x-api-key": TEST_API_KEY } }));
    assert.equal(res.statusCode, 200);
    assert.deepEqual(json(res.body), booked);
  });

  it("should answer 404 for another client's order", async () => {
    const booked = json((await f.api(orderEvent(MARKET_ORDER))).body);
    const res = await f.api(
      apiEvent({ path: `/v1/orders/${booked.orderId}`, headers: { "x-api-key": OTHER_API_KEY } }),
    );
    assert.equal(res.statusCode, 404);
    assert.equal(json(res.body).error.code, "NOT_FOUND");
  });

  it("should name the order's chain, its sequence in it and its hash in the 201's ledger object", async () => {
    const body = json((await f.api(orderEvent(MARKET_ORDER))).body);
    assert.deepEqual(Object.keys(body.ledger).sort(), ["chain", "hash", "sequence"]);
    assert.ok(
      chainCandidates(body.orderId, LEDGER_CHAINS, CHAIN_CANDIDATES).includes(body.ledger.chain),
      String(body.ledger.chain),
    );
  });

  it("should answer GET /v1/orders/{orderId}/proof 409 PROOF_PENDING until a digest covers the order", async () => {
    const booked = json((await f.api(orderEvent(MARKET_ORDER))).body);
    const res = await f.api(
      apiEvent({ path: `/v1/orders/${booked.orderId}/proof`, headers: { "x-api-key": TEST_API_KEY } }),
    );
    assert.deepEqual([res.statusCode, json(res.body).error.code], [409, "PROOF_PENDING"]);
  });

  it("should answer GET /v1/orders/{orderId}/proof with a proof the client-side verifier accepts", async () => {
    const booked = json((await f.api(orderEvent(MARKET_ORDER))).body);
    const digest = await writeDigest(f.pool);
    const res = await f.api(
      apiEvent({ path: `/v1/orders/${booked.orderId}/proof`, headers: { "x-api-key": TEST_API_KEY } }),
    );
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      verifyProof(json(res.body) as ProofDocument, { orderId: booked.orderId, trustedDigestHash: digest.hash })
        .problems,
      [],
    );
  });

  it("should answer 404 for the proof of another client's order", async () => {
    const booked = json((await f.api(orderEvent(MARKET_ORDER))).body);
    await writeDigest(f.pool);
    const res = await f.api(
      apiEvent({ path: `/v1/orders/${booked.orderId}/proof`, headers: { "x-api-key": OTHER_API_KEY } }),
    );
    assert.equal(res.statusCode, 404);
  });

  it("should verify the whole ledger, every chain, in one answer", async () => {
    const res = await f.api(apiEvent({ path: "/v1/ledger/verify", headers: { "x-api-key": OTHER_API_KEY } }));
    const body = json(res.body);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(Object.keys(body).sort(), ["chains", "digests", "entries", "headHash", "latestDigest", "valid"]);
    assert.deepEqual([body.valid, body.entries, body.chains], [true, await f.ledgerCount(), LEDGER_CHAINS + 1]);
  });
});
