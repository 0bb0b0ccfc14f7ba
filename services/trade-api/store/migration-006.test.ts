/**
 * Migration 006 on real PostgreSQL 17: a ledger written by the single-chain release (migrations
 * 001–005 and its trade.append_orders) is verified, migrated to the chained layout and verified
 * again; the receipts clients already hold keep verifying.
 */
import assert from "node:assert/strict";
import type { Pool } from "pg";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { canonicalJson, ChainVerifier, type ChainVerdict } from "../domain/ledger";
import type { OrderRecord } from "../domain/order";
import { orderRecord } from "../testing/order-record";
import { LEDGER_CHAINS, MIGRATIONS, migrate } from "./migrations";
import { PgOrderStore } from "./pg-store";

const BEFORE_006 = MIGRATIONS.slice(
  0,
  MIGRATIONS.findIndex((m) => m.id === "006_hash_chains"),
);
const quiet = (p: Pool): Pool => p.on("error", () => undefined);
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const record = (n: number): OrderRecord => ({ ...orderRecord(id(n)), account: `A-${n}` });

/** Books through the previous release's batch function, as its Lambdas did. */
async function bookOld(pool: Pool, from: number, count: number): Promise<{ seq: string; entry_hash: string }[]> {
  const ns = Array.from({ length: count }, (_, i) => from + i);
  const { rows } = await pool.query<{ seq: string; entry_hash: string }>(
    "select * from trade.append_orders($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[])",
    [
      ns.map(() => "c1"),
      ns.map((n) => `k-${n}`),
      ns.map(() => "h".repeat(64)),
      ns.map(id),
      ns.map((n) => canonicalJson({ ...record(n) })),
    ],
  );
  return rows;
}

/** The single chain verified the way the previous release did: in order, rule 1, from 64 zeros. */
async function verifySingleChain(pool: Pool, where = "true"): Promise<ChainVerdict> {
  const v = new ChainVerifier();
  const { rows } = await pool.query<{ sequence: string; prev_hash: string; hash: string; payload: string }>(
    `select sequence, prev_hash, hash, payload from trade.ledger_entries where ${where} order by sequence`,
  );
  for (const r of rows)
    v.push({ sequence: BigInt(r.sequence), prevHash: r.prev_hash, hash: r.hash, payload: r.payload });
  return v.finish();
}

describe("migration 006_hash_chains", () => {
  let pg: RunningPostgres;
  before(async () => {
    pg = await startPostgres();
  });
  after(async () => {
    await pg.stop();
  });

  describe("on a valid single-chain ledger", () => {
    let pool: Pool;
    let receipts: { seq: string; entry_hash: string }[];
    let beforeVerdict: ChainVerdict;
    let applied: string[];
    before(async () => {
      await pg.createDatabase("valid");
      pool = quiet(pg.pool("valid"));
      await migrate(pool, BEFORE_006);
      receipts = [...(await bookOld(pool, 1, 40)), ...(await bookOld(pool, 41, 10))];
      beforeVerdict = await verifySingleChain(pool);
      applied = await migrate(pool);
    });
    after(async () => {
      await pool.end();
    });

    it("should find the single chain valid before migrating", async () => {
      assert.deepEqual([beforeVerdict.valid, beforeVerdict.entries], [true, 50]);
    });

    it("should apply only 006 and later", async () => {
      assert.deepEqual(
        applied,
        MIGRATIONS.slice(BEFORE_006.length).map((m) => m.id),
      );
    });

    it("should verify the migrated ledger as valid with every entry on the frozen chain 0", async () => {
      const verdict = await new PgOrderStore(pool).verifyLedger();
      const chain0 = (await pool.query<{ n: string }>("select count(*) as n from trade.ledger_entries where chain = 0"))
        .rows[0]?.n;
      assert.deepEqual([verdict.valid, verdict.entries, verdict.chains, chain0], [true, 50, LEDGER_CHAINS + 1, "50"]);
    });

    it("should keep chain 0's head at the single chain's head", async () => {
      const { rows } = await pool.query<{ sequence: string; hash: string }>(
        "select sequence, hash from trade.ledger_chains where chain = 0",
      );
      assert.deepEqual(rows, [{ sequence: "50", hash: beforeVerdict.headHash }]);
    });

    it("should keep every receipt clients hold (sequence, hash) answering for its order on chain 0", async () => {
      const view = await new PgOrderStore(pool).getOrder("c1", id(7));
      assert.deepEqual(view?.ledger, { chain: 0, sequence: Number(receipts[6]?.seq), hash: receipts[6]?.entry_hash });
    });

    it("should keep the single chain verifiable by the previous release's rules", async () => {
      const verdict = await verifySingleChain(pool, "chain = 0");
      assert.deepEqual([verdict.valid, verdict.entries, verdict.headHash], [true, 50, beforeVerdict.headHash]);
    });

    it("should book new orders on chains 1..256 and still verify", async () => {
      const store = new PgOrderStore(pool);
      const r = await store.book({
        clientId: "c1",
        idempotencyKey: "new-1",
        requestHash: "h".repeat(64),
        price: async () => record(1000),
      });
      const verdict = await store.verifyLedger();
      assert.deepEqual(
        [r.view.ledger.chain >= 1, r.view.ledger.sequence, verdict.valid, verdict.entries],
        [true, 1, true, 51],
      );
    });

    it("should let the previous release's Lambdas keep booking through trade.append_orders while a deploy rolls", async () => {
      const [row] = await bookOld(pool, 2000, 1);
      const verdict = await new PgOrderStore(pool).verifyLedger();
      assert.deepEqual([row?.seq, verdict.valid, verdict.entries], ["1", true, 52]);
    });

    it("should replay an order booked before the migration when its key is retried after it", async () => {
      const r = await new PgOrderStore(pool).book({
        clientId: "c1",
        idempotencyKey: "k-3",
        requestHash: "h".repeat(64),
        price: async () => record(3000),
      });
      assert.deepEqual([r.replayed, r.view.orderId, r.view.ledger.chain], [true, id(3), 0]);
    });
  });

  describe("on a broken single-chain ledger", () => {
    let pool: Pool;
    before(async () => {
      await pg.createDatabase("broken");
      pool = quiet(pg.pool("broken"));
      await migrate(pool, BEFORE_006);
      await bookOld(pool, 1, 5);
      await pool.query("alter table trade.ledger_entries disable trigger ledger_entries_no_update_delete");
      await pool.query("update trade.ledger_entries set payload = '{}' where sequence = 3");
    });
    after(async () => {
      await pool.end();
    });

    it("should refuse to migrate, naming the first entry that does not verify", async () => {
      await assert.rejects(
        migrate(pool),
        /ledger entry 3 does not verify; migration 006 will not carry a broken chain over/,
      );
    });

    it("should leave the single-chain layout untouched when it refuses", async () => {
      const { rows } = await pool.query<{ head: string | null; chains: string | null }>(
        "select to_regclass('trade.ledger_head')::text as head, to_regclass('trade.ledger_chains')::text as chains",
      );
      assert.deepEqual(rows, [{ head: "trade.ledger_head", chains: null }]);
    });
  });
});
