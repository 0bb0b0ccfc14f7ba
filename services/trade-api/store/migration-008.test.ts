/**
 * Migration 008 on real PostgreSQL 17: a ledger booked by the 007 release (six-argument
 * trade.book_order, audit events in the outbox) is migrated to the one-statement booking; what
 * was booked keeps replaying, the chains continue from the heads 007 left, and every call form
 * of the previous release keeps booking while a deploy rolls.
 */
import assert from "node:assert/strict";
import type { Pool } from "pg";
import { newAuditEvent, type AuditEvent } from "../../shared/audit-event";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { canonicalJson, chainOf } from "../domain/ledger";
import type { OrderRecord } from "../domain/order";
import { orderRecord } from "../testing/order-record";
import { LEDGER_CHAINS, MIGRATIONS, migrate } from "./migrations";
import { PgOrderStore, type BookResult } from "./pg-store";

const BEFORE_008 = MIGRATIONS.slice(
  0,
  MIGRATIONS.findIndex((m) => m.id === "008_book_order_one_statement"),
);
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const event = (r: OrderRecord): AuditEvent =>
  newAuditEvent({
    source: "fx.trade-api",
    actor: r.clientId,
    action: "order.book",
    resource: `order/${r.orderId}`,
    outcome: "SUCCESS",
    data: { ...r },
  });
const book = (store: PgOrderStore, n: number, key = `k-${n}`): Promise<BookResult> =>
  store.book({
    clientId: "c1",
    idempotencyKey: key,
    requestHash: "h".repeat(64),
    price: async () => orderRecord(id(n)),
    audit: event,
  });
/** The first order number after `from` whose home chain is `chain`. */
const onChain = (chain: number, from: number): number => {
  let n = from;
  while (chainOf(id(n), LEDGER_CHAINS) !== chain) n += 1;
  return n;
};

describe("migration 008_book_order_one_statement", () => {
  let pg: RunningPostgres;
  let pool: Pool;
  let store: PgOrderStore;
  let before008: BookResult[];
  let applied: string[];
  before(async () => {
    pg = await startPostgres();
    pool = pg.pool().on("error", () => undefined);
    await migrate(pool, BEFORE_008);
    store = new PgOrderStore(pool);
    before008 = [];
    for (let n = 1; n <= 20; n += 1) before008.push(await book(store, n));
    applied = await migrate(pool);
  });
  after(async () => {
    await pool.end();
    await pg.stop();
  });

  it("should apply only 008 and later", async () => {
    assert.deepEqual(
      applied,
      MIGRATIONS.slice(BEFORE_008.length).map((m) => m.id),
    );
  });

  it("should replay an order booked before 008 at the ledger position it was given", async () => {
    const r = await book(store, 5);
    assert.deepEqual([r.replayed, r.view.ledger], [true, before008[4]?.view.ledger]);
  });

  it("should continue a chain from the head 007 left", async () => {
    const first = before008[0]?.view.ledger;
    const r = await book(store, onChain(first?.chain ?? 0, 1000));
    assert.deepEqual([r.view.ledger.chain, r.view.ledger.sequence], [first?.chain, (first?.sequence ?? 0) + 1]);
  });

  it("should verify the whole ledger after booking across the migration", async () => {
    for (let n = 2000; n < 2040; n += 1) await book(store, n);
    const verdict = await store.verifyLedger();
    // 20 booked by 007, one by the test before, 40 here.
    assert.deepEqual([verdict.valid, verdict.entries], [true, 61]);
  });

  it("should store the audit event with its ledger position, exactly as returned, in the booking's transaction", async () => {
    const r = await book(store, 3000);
    const { rows } = await pool.query<{ event: AuditEvent }>(
      "select event from trade.audit_outbox where event_id = $1",
      [r.auditEvent?.event_id],
    );
    const data = r.auditEvent?.data ?? {};
    assert.deepEqual(
      [rows[0]?.event, [data.ledgerChain, data.ledgerSequence, data.ledgerHash]],
      [r.auditEvent, [r.view.ledger.chain, r.view.ledger.sequence, r.view.ledger.hash]],
    );
  });

  /** The plpgsql functions one booking through the six-argument trade.book_order calls, with their call counts. */
  const functionsCalledByABooking = async (n: number): Promise<Record<string, string>> => {
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query("set local track_functions = 'all'");
      const r = orderRecord(id(n));
      await client.query("select * from trade.book_order($1, $2, $3, $4::uuid, $5, $6::jsonb)", [
        "c1",
        `k-${n}`,
        "h".repeat(64),
        r.orderId,
        canonicalJson({ ...r }),
        JSON.stringify(event(r)),
      ]);
      const { rows } = await client.query<{ fn: string; calls: string }>(
        "select funcid::regprocedure::text as fn, calls::text from pg_stat_xact_user_functions where schemaname = 'trade'",
      );
      return Object.fromEntries(rows.map((x) => [x.fn, x.calls]));
    } finally {
      await client.query("rollback");
      client.release();
    }
  };

  it("should book through the six-argument trade.book_order without calling the five-argument one", async () => {
    const called = await functionsCalledByABooking(4000);
    assert.deepEqual(
      [
        called["trade.book_order(text,text,text,uuid,text,jsonb)"],
        called["trade.book_order(text,text,text,uuid,text)"],
      ],
      ["1", undefined],
    );
  });

  it("should advance a head without calling its guard function when the update is one the guard allows", async () => {
    const called = await functionsCalledByABooking(4001);
    assert.equal(called["trade.chain_moves_forward()"], undefined);
  });

  it("should still refuse a head update that skips a sequence, with the guard's message", async () => {
    await assert.rejects(
      pool.query("update trade.ledger_chains set sequence = sequence + 2 where chain = 1"),
      /ledger chain 1 may only advance by one entry linked to its head/,
    );
  });

  it("should let the previous release's five-argument call keep booking, with no audit event", async () => {
    const r = orderRecord(id(5000));
    const { rows } = await pool.query<{ outcome: string }>("select * from trade.book_order($1, $2, $3, $4::uuid, $5)", [
      "c1",
      "k-5000",
      "h".repeat(64),
      r.orderId,
      canonicalJson({ ...r }),
    ]);
    const events = await pool.query("select 1 from trade.audit_outbox where event->'data'->>'orderId' = $1", [
      r.orderId,
    ]);
    assert.deepEqual([rows.map((x) => x.outcome), events.rowCount], [["booked"], 0]);
  });

  it("should let the previous release's trade.append_orders keep booking", async () => {
    const r = orderRecord(id(6000));
    const { rows } = await pool.query<{ outcome: string }>(
      "select * from trade.append_orders($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[])",
      [["c1"], ["k-6000"], ["h".repeat(64)], [r.orderId], [canonicalJson({ ...r })]],
    );
    assert.deepEqual(
      rows.map((x) => x.outcome),
      ["booked"],
    );
  });
});
