/**
 * The outbox's relay (app.ts) and sweeper (store/outbox.ts) on embedded PostgreSQL 17 through
 * the trade API the Lambda runs. The crash between commit and publish: outbox-crash.test.ts.
 */
import assert from "node:assert/strict";
import { MemoryAuditPublisher, type AuditEvent, type AuditPublisher } from "../../shared/audit-event";
import { silentObservability } from "../../shared/observability";
import { createTradeApi, type TradeApi } from "../app";
import { hashApiKey, StaticApiKeyStore } from "../auth";
import { StaticRateSource } from "../domain/pricing";
import { MARKET_ORDER, newKey, orderEvent } from "../testing/events";
import { startTradeFixture, TEST_API_KEY, TEST_CLIENT_ID, type TradeFixture } from "../testing/fixture";
import { sweepOutbox } from "./outbox";

const json = (body: string) => JSON.parse(body) as Record<string, any>;

/** Refuses every event, as SNS does when it is unreachable. */
const refusing: AuditPublisher = {
  publish: async () => {
    throw new Error("sns unreachable");
  },
};

describe("audit outbox relay and sweeper", () => {
  let f: TradeFixture;
  let apiWith: (audit: AuditPublisher) => TradeApi;
  before(async () => {
    f = await startTradeFixture({ poolSize: 4 });
    const rates = new StaticRateSource();
    apiWith = (audit) =>
      createTradeApi({
        store: f.store,
        auth: {
          kind: "api-key",
          store: new StaticApiKeyStore(new Map([[hashApiKey(TEST_API_KEY), { clientId: TEST_CLIENT_ID }]])),
        },
        rates,
        allowedPairs: rates.pairs(),
        audit,
        observability: silentObservability("trade-api-outbox-test"),
      });
  });
  after(async () => {
    await f.stop();
  });

  const outboxRow = async (orderId: string) =>
    (
      await f.pool.query<{ event: AuditEvent; published_at: Date | null }>(
        "select event, published_at from trade.audit_outbox where event->'data'->>'orderId' = $1",
        [orderId],
      )
    ).rows;

  it("should mark the event published when the relay published it", async () => {
    const orderId = json((await f.api(orderEvent(MARKET_ORDER))).body).orderId as string;
    const rows = await outboxRow(orderId);
    assert.deepEqual([rows.length, rows[0]?.published_at instanceof Date], [1, true]);
  });

  it("should publish exactly the event the booking stored when the relay publishes", async () => {
    const orderId = json((await f.api(orderEvent(MARKET_ORDER))).body).orderId as string;
    const published = f.audit.events.find((e) => e.resource === `order/${orderId}`);
    assert.deepEqual(published, (await outboxRow(orderId))[0]?.event);
  });

  it("should store no second event when the booking is replayed", async () => {
    const key = newKey();
    const first = json((await f.api(orderEvent(MARKET_ORDER, { "Idempotency-Key": key }))).body);
    await f.api(orderEvent(MARKET_ORDER, { "Idempotency-Key": key }));
    assert.equal((await outboxRow(first.orderId as string)).length, 1);
  });

  it("should still answer 201 when the relay cannot publish", async () => {
    const res = await apiWith(refusing)(orderEvent(MARKET_ORDER));
    assert.equal(res.statusCode, 201);
  });

  it("should leave the event unpublished in the outbox when the relay cannot publish", async () => {
    const orderId = json((await apiWith(refusing)(orderEvent(MARKET_ORDER))).body).orderId as string;
    assert.deepEqual(
      (await outboxRow(orderId)).map((r) => r.published_at),
      [null],
    );
  });

  it("should publish an event the relay could not when the sweeper runs", async () => {
    const orderId = json((await apiWith(refusing)(orderEvent(MARKET_ORDER))).body).orderId as string;
    const sink = new MemoryAuditPublisher();
    await sweepOutbox(f.pool, sink, { olderThanMs: 0 });
    assert.deepEqual(
      sink.events.filter((e) => e.resource === `order/${orderId}`),
      [(await outboxRow(orderId))[0]?.event],
    );
  });

  it("should leave an event younger than the grace period to the relay when the sweeper runs", async () => {
    await apiWith(refusing)(orderEvent(MARKET_ORDER));
    const result = await sweepOutbox(f.pool, new MemoryAuditPublisher(), { olderThanMs: 60_000 });
    assert.equal(result.published, 0);
  });

  it("should keep an event for the next run when the sweeper cannot publish it", async () => {
    await apiWith(refusing)(orderEvent(MARKET_ORDER));
    const result = await sweepOutbox(f.pool, refusing, { olderThanMs: 0 });
    const pending = await f.pool.query("select 1 from trade.audit_outbox where published_at is null");
    assert.deepEqual([result.published, result.failed > 0, result.pending], [0, true, pending.rowCount]);
  });

  it("should purge published events past their retention when the sweeper runs", async () => {
    await f.api(orderEvent(MARKET_ORDER));
    const published = await f.pool.query("select 1 from trade.audit_outbox where published_at is not null");
    const result = await sweepOutbox(f.pool, new MemoryAuditPublisher(), { olderThanMs: 0, retainPublishedMs: 0 });
    const left = await f.pool.query("select 1 from trade.audit_outbox where published_at is not null");
    assert.deepEqual([result.purged >= (published.rowCount ?? 0), left.rowCount], [true, 0]);
  });
});
