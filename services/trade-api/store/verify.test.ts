import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { canonicalJson, chainOf, entryHash, genesisHash } from "../domain/ledger";
import { orderRecord as record } from "../testing/order-record";
import { writeDigest } from "./digest-writer";
import { LEDGER_CHAINS, migrate } from "./migrations";
import { PgOrderStore } from "./pg-store";
import { verifyLedger, type LedgerVerdict } from "./verify";

const quiet = (p: Pool): Pool => p.on("error", () => undefined);

/** `n` order ids whose home chain is `chain` (booked one after another, each lands there). */
function idsOnChain(chain: number, n: number): string[] {
  const ids: string[] = [];
  while (ids.length < n) {
    const id = randomUUID();
    if (chainOf(id, LEDGER_CHAINS) === chain) ids.push(id);
  }
  return ids;
}

const A = 7;
const B = 9;

/** What a verdict's first problem says, for one assertion. */
const problemOf = (v: LedgerVerdict) => [v.valid, v.problem?.chain, v.problem?.sequence, v.problem?.reason];

describe("verifyLedger", () => {
  let pg: RunningPostgres;
  let databases = 0;
  before(async () => {
    pg = await startPostgres();
  });
  after(async () => {
    await pg.stop();
  });

  /**
   * A fresh database with three entries on chain A and one on chain B, booked through the store;
   * `attack` then runs as a superuser with triggers off (session_replication_role = replica).
   */
  async function ledger(
    attack: (db: PoolClient, ids: string[]) => Promise<unknown>,
    payloadOf: (id: string) => string = (id) => canonicalJson({ ...record(id) }),
  ): Promise<{ pool: Pool; ids: string[] }> {
    const name = `verify_${(databases += 1)}`;
    await pg.createDatabase(name);
    const pool = quiet(pg.pool(name, { max: 4 }));
    await migrate(pool);
    const ids = [...idsOnChain(A, 3), ...idsOnChain(B, 1)];
    for (const id of ids)
      await pool.query("select * from trade.book_order($1, $2, $3, $4::uuid, $5)", [
        "c1",
        id,
        "h".repeat(64),
        id,
        payloadOf(id),
      ]);
    const db = await pool.connect();
    try {
      await db.query("set session_replication_role = replica");
      await attack(db, ids);
      await db.query("set session_replication_role = origin");
    } finally {
      db.release();
    }
    return { pool, ids };
  }

  async function verdictAfter(
    attack: (db: PoolClient, ids: string[]) => Promise<unknown>,
    payloadOf?: (id: string) => string,
  ): Promise<LedgerVerdict> {
    const { pool } = await ledger(attack, payloadOf);
    try {
      return await verifyLedger(pool);
    } finally {
      await pool.end();
    }
  }

  const entry = (db: PoolClient, chain: number, sequence: number) =>
    db
      .query<{ prev_hash: string; hash: string; payload: string }>(
        "select prev_hash, hash, payload from trade.ledger_entries where chain = $1 and sequence = $2",
        [chain, sequence],
      )
      .then((r) => r.rows[0] as { prev_hash: string; hash: string; payload: string });

  it("should verify an untouched ledger as valid when nothing was changed", async () => {
    const v = await verdictAfter(async () => undefined);
    assert.deepEqual([v.valid, v.entries], [true, 4]);
  });

  it("should verify entries whose payload has non-ASCII characters when nothing was changed", async () => {
    const v = await verdictAfter(
      async () => undefined,
      (id) => canonicalJson({ ...record(id), account: 'Zürich € 日本 "q" \\ 🙂' }),
    );
    assert.deepEqual([v.valid, v.entries], [true, 4]);
  });

  it("should detect an amount changed in a payload when its hash was left as it was", async () => {
    const v = await verdictAfter(async (db, ids) => {
      const forged = canonicalJson({ ...record(ids[1] as string), notional: "9999.00" });
      await db.query("update trade.ledger_entries set payload = $1 where chain = $2 and sequence = 2", [forged, A]);
    });
    assert.deepEqual(problemOf(v), [false, A, 2n, "hash does not match the entry's content"]);
  });

  it("should detect a changed hash when the entry's content was left as it was", async () => {
    const v = await verdictAfter((db) =>
      db.query("update trade.ledger_entries set hash = $1 where chain = $2 and sequence = 2", ["1".repeat(64), A]),
    );
    assert.deepEqual(problemOf(v), [false, A, 2n, "hash does not match the entry's content"]);
  });

  it("should detect a changed prev_hash when the entry was re-hashed to match it", async () => {
    const v = await verdictAfter(async (db) => {
      const e = await entry(db, A, 2);
      const prev = "2".repeat(64);
      await db.query("update trade.ledger_entries set prev_hash = $1, hash = $2 where chain = $3 and sequence = 2", [
        prev,
        entryHash(2n, prev, e.payload, 2),
        A,
      ]);
    });
    assert.deepEqual(problemOf(v), [false, A, 2n, "prev_hash does not match the previous entry's hash"]);
  });

  it("should detect a prev_hash rewritten in upper case when the entry and its head were re-hashed to match", async () => {
    const v = await verdictAfter(async (db) => {
      const e = await entry(db, A, 3);
      const prev = e.prev_hash.toUpperCase();
      const hash = entryHash(3n, prev, e.payload, 2);
      await db.query("update trade.ledger_entries set prev_hash = $1, hash = $2 where chain = $3 and sequence = 3", [
        prev,
        hash,
        A,
      ]);
      await db.query("update trade.ledger_chains set hash = $1 where chain = $2", [hash, A]);
    });
    assert.deepEqual(problemOf(v), [false, A, 3n, "prev_hash does not match the previous entry's hash"]);
  });

  it("should detect a changed sequence number when it moves an entry past its chain's head", async () => {
    const v = await verdictAfter((db) =>
      db.query("update trade.ledger_entries set sequence = 4 where chain = $1 and sequence = 3", [A]),
    );
    assert.deepEqual(problemOf(v), [false, A, 3n, "expected sequence 3"]);
  });

  it("should detect two entries whose sequence numbers were swapped", async () => {
    const v = await verdictAfter(async (db) => {
      await db.query("update trade.ledger_entries set sequence = 100 where chain = $1 and sequence = 1", [A]);
      await db.query("update trade.ledger_entries set sequence = 1 where chain = $1 and sequence = 2", [A]);
      await db.query("update trade.ledger_entries set sequence = 2 where chain = $1 and sequence = 100", [A]);
    });
    assert.deepEqual(problemOf(v), [false, A, 1n, "hash does not match the entry's content"]);
  });

  it("should detect an entry moved to another chain when its chain id was changed", async () => {
    const v = await verdictAfter((db) =>
      db.query("update trade.ledger_entries set chain = $1 where chain = $2 and sequence = 3", [B, A]),
    );
    assert.deepEqual(problemOf(v), [false, A, 3n, "expected sequence 3"]);
  });

  it("should detect a deleted entry when its chain's head still counts it", async () => {
    const v = await verdictAfter((db) =>
      db.query("delete from trade.ledger_entries where chain = $1 and sequence = 2", [A]),
    );
    assert.deepEqual(problemOf(v), [false, A, 2n, "expected sequence 2"]);
  });

  it("should detect an inserted entry when it links correctly to its chain's last entry", async () => {
    const v = await verdictAfter(async (db) => {
      const last = await entry(db, A, 3);
      const payload = canonicalJson({ ...record(randomUUID()) });
      await db.query(
        `insert into trade.ledger_entries (chain, sequence, order_id, client_id, prev_hash, hash, payload)
         values ($1, 4, gen_random_uuid(), 'c1', $2, $3, $4)`,
        [A, last.hash, entryHash(4n, last.hash, payload, 2), payload],
      );
    });
    assert.deepEqual(problemOf(v), [false, A, 4n, "entry beyond the chain's stored head"]);
  });

  it("should detect an entry whose payload was set to NULL behind the schema's back", async () => {
    const v = await verdictAfter(async (db) => {
      await db.query("alter table trade.ledger_entries alter column payload drop not null");
      await db.query("update trade.ledger_entries set payload = null where chain = $1 and sequence = 2", [A]);
    });
    assert.deepEqual(problemOf(v), [false, A, 2n, "entry with a NULL field"]);
  });

  it("should detect an entry on a chain the ledger does not have when the chain check was dropped", async () => {
    const v = await verdictAfter(async (db) => {
      await db.query("alter table trade.ledger_entries drop constraint ledger_entries_chain_check");
      await db.query("update trade.ledger_entries set chain = 9999 where chain = $1", [B]);
    });
    assert.deepEqual(problemOf(v), [false, B, 1n, "expected sequence 1"]);
  });

  it("should count an entry on a chain the ledger does not have as outside every chain", async () => {
    const v = await verdictAfter(async (db) => {
      await db.query("alter table trade.ledger_entries drop constraint ledger_entries_chain_check");
      await db.query("update trade.ledger_chains set sequence = 0, hash = $1, prev_hash = $1 where chain = $2", [
        genesisHash(B),
        B,
      ]);
      await db.query("update trade.ledger_entries set chain = 9999 where chain = $1", [B]);
    });
    assert.deepEqual(problemOf(v), [false, undefined, 1n, "entries outside every chain"]);
  });

  it("should detect a digest whose tree root was rewritten", async () => {
    const { pool } = await ledger(async () => undefined);
    try {
      await writeDigest(pool);
      await pool.query("alter table trade.ledger_digests disable trigger ledger_digests_no_update_delete");
      await pool.query("update trade.ledger_digests set tree_root = $1 where id = 1", ["3".repeat(64)]);
      assert.deepEqual(problemOf(await verifyLedger(pool)), [
        false,
        undefined,
        1n,
        "digest 1: tree_root does not match its heads",
      ]);
    } finally {
      await pool.end();
    }
  });

  it("should detect a changed payload on the legacy chain 0, whose rule links the payload itself", async () => {
    const v = await verdictAfter(async (db) => {
      // Two entries on chain 0 as migration 006 carried them over (rule 1, from 64 zeros).
      let prev = genesisHash(0);
      for (const seq of [1n, 2n]) {
        const payload = canonicalJson({ ...record(randomUUID()) });
        const hash = entryHash(seq, prev, payload, 1);
        await db.query(
          `insert into trade.ledger_entries (chain, sequence, order_id, client_id, prev_hash, hash, payload)
           values (0, $1, gen_random_uuid(), 'c1', $2, $3, $4)`,
          [String(seq), prev, hash, payload],
        );
        prev = hash;
      }
      await db.query("update trade.ledger_chains set sequence = 2, hash = $1, prev_hash = $1 where chain = 0", [prev]);
      await db.query("update trade.ledger_entries set payload = '{}' where chain = 0 and sequence = 1");
    });
    assert.deepEqual(problemOf(v), [false, 0, 1n, "hash does not match the entry's content"]);
  });

  it("should read every entry once when the heap is shared out in many small ranges", async () => {
    const { pool } = await ledger(async (db) => {
      // 200 more valid entries on chain B: several heap pages, so one page per query means many ranges.
      const head = await db.query<{ sequence: string; hash: string }>(
        "select sequence, hash from trade.ledger_chains where chain = $1",
        [B],
      );
      let seq = BigInt(head.rows[0]?.sequence ?? 0);
      let prev = head.rows[0]?.hash ?? "";
      for (let i = 0; i < 200; i += 1) {
        seq += 1n;
        const payload = canonicalJson({ ...record(randomUUID()) });
        const hash = entryHash(seq, prev, payload, 2);
        await db.query(
          `insert into trade.ledger_entries (chain, sequence, order_id, client_id, prev_hash, hash, payload)
           values ($1, $2, gen_random_uuid(), 'c1', $3, $4, $5)`,
          [B, String(seq), prev, hash, payload],
        );
        prev = hash;
      }
      await db.query("update trade.ledger_chains set sequence = $1, hash = $2, prev_hash = $2 where chain = $3", [
        String(seq),
        prev,
        B,
      ]);
    });
    try {
      const v = await verifyLedger(pool, { connections: 3, pagesPerQuery: 1 });
      assert.deepEqual([v.valid, v.entries], [true, 204]);
    } finally {
      await pool.end();
    }
  });

  it("should keep answering for the whole ledger through the store when nothing was changed", async () => {
    const { pool } = await ledger(async () => undefined);
    try {
      const v = await new PgOrderStore(pool).verifyLedger();
      assert.deepEqual([v.valid, v.entries, v.chains, v.digests], [true, 4, LEDGER_CHAINS + 1, 0]);
    } finally {
      await pool.end();
    }
  });
});
