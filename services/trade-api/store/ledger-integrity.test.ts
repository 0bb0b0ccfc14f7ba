import assert from "node:assert/strict";
import type { Pool } from "pg";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { canonicalJson, entryHash, GENESIS_HASH } from "../domain/ledger";
import type { OrderRecord } from "../domain/order";
import { MIGRATIONS, migrate } from "./migrations";
import { PgOrderStore } from "./pg-store";

const record = (orderId: string): OrderRecord => ({
  orderId, clientId: "c1", account: "A", pair: "EUR/USD", side: "BUY", type: "MARKET", quantity: "1.00",
  limitPrice: null, price: "1.08345", notional: "1.08", notionalCurrency: "USD", rateSource: "static-table",
  bookedAt: "2025-01-01T00:00:00.000Z",
});

/** Idle connections die when a test server stops; that is expected, not an uncaught error. */
const quiet = (p: Pool): Pool => p.on("error", () => undefined);

describe("PgOrderStore ledger integrity", () => {
  let pg: RunningPostgres;
  let pool: Pool;
  let store: PgOrderStore;
  before(async () => {
    pg = await startPostgres();
    pool = quiet(pg.pool());
    await migrate(pool);
    store = new PgOrderStore(pool);
    for (const id of ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003"]) {
      await store.book({ clientId: "c1", idempotencyKey: id, requestHash: "h".repeat(64), price: async () => record(id) });
    }
  });
  after(async () => {
    await pool.end();
    await pg.stop();
  });

  it("should report nothing to apply when migrations run a second time", async () => {
    assert.deepEqual(await migrate(pool), []);
  });

  it("should apply migrations once when several starters race", async () => {
    await pg.createDatabase("race");
    const racePool = quiet(pg.pool("race"));
    const applied = await Promise.all([migrate(racePool), migrate(racePool), migrate(racePool)]);
    await racePool.end();
    assert.deepEqual(applied.flat().sort(), MIGRATIONS.map((m) => m.id).sort());
  });

  it("should refuse a migration edited after it was applied", async () => {
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await assert.rejects(migrate(pool, edited), /was edited after it was applied/);
  });

  it("should refuse UPDATE of a ledger entry even for the table owner", async () => {
    await assert.rejects(pool.query("update trade.ledger_entries set payload = '{}' where sequence = 1"), /append-only/);
  });

  it("should refuse DELETE of a ledger entry even for the table owner", async () => {
    await assert.rejects(pool.query("delete from trade.ledger_entries where sequence = 3"), /append-only/);
  });

  it("should refuse TRUNCATE of the ledger", async () => {
    await assert.rejects(pool.query("truncate trade.ledger_entries"), /append-only/);
  });

  it("should refuse moving the chain head backwards", async () => {
    await assert.rejects(pool.query("update trade.ledger_head set sequence = 1"), /may only move forward/);
  });

  it("should refuse at commit a chain head that names no entry", async () => {
    await assert.rejects(pool.query("update trade.ledger_head set sequence = 99"), /names no ledger entry/);
  });

  it("should deny UPDATE to a login granted the writer role", async () => {
    await pool.query("do $$ begin if not exists (select from pg_roles where rolname = 'app_user') then create role app_user login password 'pw'; end if; end $$");
    await pool.query("grant trade_api_writer to app_user");
    const appPool = quiet(new (await import("pg")).Pool({ connectionString: `postgres://app_user:pw@127.0.0.1:${pg.port}/postgres`, max: 1 }));
    try {
      const { rows } = await appPool.query<{ n: string }>("select count(*) as n from trade.ledger_entries");
      assert.equal(rows[0]?.n, "3");
      await assert.rejects(appPool.query("update trade.ledger_entries set payload = '{}'"), /permission denied/);
    } finally {
      await appPool.end();
    }
  });

  it("should verify an untouched chain as valid with the head's hash", async () => {
    const verdict = await store.verifyLedger();
    const head = await pool.query<{ hash: string }>("select hash from trade.ledger_head");
    assert.deepEqual(verdict, { valid: true, entries: 3, headHash: head.rows[0]?.hash });
  });

  it("should detect an entry whose payload was changed behind the trigger's back", async () => {
    await pg.createDatabase("tamper");
    const tamperPool = quiet(pg.pool("tamper"));
    try {
      await migrate(tamperPool);
      const tamperStore = new PgOrderStore(tamperPool);
      for (const id of ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"]) {
        await tamperStore.book({ clientId: "c1", idempotencyKey: id, requestHash: "h".repeat(64), price: async () => record(id) });
      }
      // A superuser disabling the trigger is the attack verification exists for.
      await tamperPool.query("alter table trade.ledger_entries disable trigger ledger_entries_no_update_delete");
      const forged = canonicalJson({ ...record("00000000-0000-4000-8000-00000000000a"), notional: "9999.00" });
      await tamperPool.query("update trade.ledger_entries set payload = $1 where sequence = 1", [forged]);
      const verdict = await tamperStore.verifyLedger();
      assert.equal(verdict.valid, false);
      assert.equal(verdict.problem?.sequence, 1n);
    } finally {
      await tamperPool.end();
    }
  });

  it("should hash in the database exactly as domain/ledger.ts does, non-ASCII included", async () => {
    await pg.createDatabase("hashing");
    const hashPool = quiet(pg.pool("hashing"));
    try {
      await migrate(hashPool);
      const payload = canonicalJson({ note: "€ 日本 \"quoted\" \\ back", n: 1 });
      const { rows } = await hashPool.query<{ seq: string; entry_hash: string }>(
        "select * from trade.append_orders($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[])",
        [["c"], ["k"], ["h".repeat(64)], ["00000000-0000-4000-8000-0000000000ff"], [payload]],
      );
      assert.equal(rows[0]?.entry_hash, entryHash(1n, GENESIS_HASH, payload));
    } finally {
      await hashPool.end();
    }
  });

  it("should verify an empty ledger as valid with the genesis hash", async () => {
    await pg.createDatabase("empty");
    const emptyPool = quiet(pg.pool("empty"));
    try {
      await migrate(emptyPool);
      assert.deepEqual(await new PgOrderStore(emptyPool).verifyLedger(), { valid: true, entries: 0, headHash: GENESIS_HASH });
    } finally {
      await emptyPool.end();
    }
  });
});
