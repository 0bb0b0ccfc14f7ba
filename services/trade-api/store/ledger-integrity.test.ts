import assert from "node:assert/strict";
import type { Pool } from "pg";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { merkleRoot } from "../domain/digest";
import { canonicalJson, chainOf, entryHash, genesisHash } from "../domain/ledger";
import { orderRecord as record } from "../testing/order-record";
import { LEDGER_CHAINS, MIGRATIONS, migrate } from "./migrations";
import { PgOrderStore } from "./pg-store";

/** Idle connections die when a test server stops; that is expected, not an uncaught error. */
const quiet = (p: Pool): Pool => p.on("error", () => undefined);

describe("PgOrderStore ledger integrity", () => {
  let pg: RunningPostgres;
  let pool: Pool;
  let store: PgOrderStore;
  /** chain and sequence of the three booked entries. */
  let booked: { chain: number; sequence: number }[];
  before(async () => {
    pg = await startPostgres();
    pool = quiet(pg.pool());
    await migrate(pool);
    store = new PgOrderStore(pool);
    for (const id of [
      "00000000-0000-4000-8000-000000000001",
      "00000000-0000-4000-8000-000000000002",
      "00000000-0000-4000-8000-000000000003",
    ]) {
      await store.book({
        clientId: "c1",
        idempotencyKey: id,
        requestHash: "h".repeat(64),
        price: async () => record(id),
      });
    }
    booked = (
      await pool.query<{ chain: number; sequence: string }>(
        "select chain, sequence from trade.ledger_entries order by order_id",
      )
    ).rows.map((r) => ({ chain: r.chain, sequence: Number(r.sequence) }));
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
    const [e] = booked;
    await assert.rejects(
      pool.query("update trade.ledger_entries set payload = '{}' where chain = $1 and sequence = $2", [
        e?.chain,
        e?.sequence,
      ]),
      /append-only/,
    );
  });

  it("should refuse DELETE of a ledger entry even for the table owner", async () => {
    const e = booked[2];
    await assert.rejects(
      pool.query("delete from trade.ledger_entries where chain = $1 and sequence = $2", [e?.chain, e?.sequence]),
      /append-only/,
    );
  });

  it("should refuse TRUNCATE of the ledger", async () => {
    await assert.rejects(pool.query("truncate trade.ledger_entries"), /append-only/);
  });

  it("should refuse moving a chain head backwards", async () => {
    await assert.rejects(
      pool.query("update trade.ledger_chains set sequence = 0 where chain = $1", [booked[0]?.chain]),
      /may only advance by one entry/,
    );
  });

  it("should refuse advancing a chain head that does not link to the hash it held", async () => {
    await assert.rejects(
      pool.query("update trade.ledger_chains set sequence = sequence + 1 where chain = $1", [booked[0]?.chain]),
      /linked to its head/,
    );
  });

  it("should refuse any change to the frozen legacy chain 0", async () => {
    await assert.rejects(
      pool.query("update trade.ledger_chains set sequence = sequence + 1, prev_hash = hash where chain = 0"),
      /frozen/,
    );
  });

  it("should refuse deleting a chain head", async () => {
    await assert.rejects(pool.query("delete from trade.ledger_chains where chain = 1"), /append-only/);
  });

  it("should deny UPDATE and direct INSERT to a login granted the writer role", async () => {
    await pool.query(
      "do $$ begin if not exists (select from pg_roles where rolname = 'app_user') then create role app_user login password 'pw'; end if; end $$",
    );
    await pool.query("grant trade_api_writer to app_user");
    const appPool = quiet(
      new (await import("pg")).Pool({
        connectionString: `postgres://app_user:pw@127.0.0.1:${pg.port}/postgres`,
        max: 1,
      }),
    );
    try {
      const { rows } = await appPool.query<{ n: string }>("select count(*) as n from trade.ledger_entries");
      assert.equal(rows[0]?.n, "3");
      await assert.rejects(appPool.query("update trade.ledger_entries set payload = '{}'"), /permission denied/);
      await assert.rejects(
        appPool.query(
          "insert into trade.ledger_entries (chain, sequence, order_id, client_id, prev_hash, hash, payload) values (1, 99, gen_random_uuid(), 'x', 'x', 'x', 'x')",
        ),
        /permission denied/,
      );
      await assert.rejects(
        appPool.query("update trade.ledger_chains set sequence = sequence + 1 where chain = 1"),
        /permission denied/,
      );
    } finally {
      await appPool.end();
    }
  });

  it("should verify untouched chains as valid with the Merkle root of every head", async () => {
    const verdict = await store.verifyLedger();
    const heads = (
      await pool.query<{ chain: number; sequence: string; hash: string }>(
        "select chain, sequence, hash from trade.ledger_chains order by chain",
      )
    ).rows.map((r) => ({ chain: r.chain, sequence: BigInt(r.sequence), hash: r.hash }));
    assert.deepEqual(verdict, {
      valid: true,
      entries: 3,
      headHash: merkleRoot(heads),
      chains: LEDGER_CHAINS + 1,
      digests: 0,
    });
  });

  it("should detect an entry whose payload was changed behind the trigger's back, naming its chain", async () => {
    await pg.createDatabase("tamper");
    const tamperPool = quiet(pg.pool("tamper"));
    try {
      await migrate(tamperPool);
      const tamperStore = new PgOrderStore(tamperPool);
      const id = "00000000-0000-4000-8000-00000000000a";
      for (const key of [id, "00000000-0000-4000-8000-00000000000b"]) {
        await tamperStore.book({
          clientId: "c1",
          idempotencyKey: key,
          requestHash: "h".repeat(64),
          price: async () => record(key),
        });
      }
      // A superuser disabling the trigger is the attack verification exists for.
      await tamperPool.query("alter table trade.ledger_entries disable trigger ledger_entries_no_update_delete");
      const forged = canonicalJson({ ...record(id), notional: "9999.00" });
      await tamperPool.query("update trade.ledger_entries set payload = $1 where order_id = $2", [forged, id]);
      const verdict = await tamperStore.verifyLedger();
      assert.deepEqual(
        [verdict.valid, verdict.problem?.chain, verdict.problem?.sequence],
        [false, chainOf(id, LEDGER_CHAINS), 1n],
      );
    } finally {
      await tamperPool.end();
    }
  });

  it("should hash and pick chains in the database exactly as domain/ledger.ts does, non-ASCII included", async () => {
    await pg.createDatabase("hashing");
    const hashPool = quiet(pg.pool("hashing"));
    try {
      await migrate(hashPool);
      const orderId = "00000000-0000-4000-8000-0000000000ff";
      const payload = canonicalJson({ note: '€ 日本 "quoted" \\ back', n: 1 });
      const { rows } = await hashPool.query<{ chain: number; seq: string; entry_hash: string }>(
        "select * from trade.book_order($1, $2, $3, $4::uuid, $5)",
        ["c", "k", "h".repeat(64), orderId, payload],
      );
      const chain = chainOf(orderId, LEDGER_CHAINS);
      assert.deepEqual(
        rows.map((r) => [r.chain, r.seq, r.entry_hash]),
        [[chain, "1", entryHash(1n, genesisHash(chain), payload, 2)]],
      );
    } finally {
      await hashPool.end();
    }
  });

  it("should pick the same chain in SQL as chainOf in Node for any order id", async () => {
    const ids = Array.from({ length: 200 }, () => crypto.randomUUID());
    const { rows } = await pool.query<{ c: number }>(
      "select trade.chain_of(id) as c from unnest($1::uuid[]) with ordinality as t(id, n) order by n",
      [ids],
    );
    assert.deepEqual(
      rows.map((r) => r.c),
      ids.map((id) => chainOf(id, LEDGER_CHAINS)),
    );
  });

  it("should verify an empty ledger as valid with the root of the genesis heads", async () => {
    await pg.createDatabase("empty");
    const emptyPool = quiet(pg.pool("empty"));
    try {
      await migrate(emptyPool);
      const genesis = Array.from({ length: LEDGER_CHAINS + 1 }, (_, chain) => ({
        chain,
        sequence: 0n,
        hash: genesisHash(chain),
      }));
      assert.deepEqual(await new PgOrderStore(emptyPool).verifyLedger(), {
        valid: true,
        entries: 0,
        headHash: merkleRoot(genesis),
        chains: LEDGER_CHAINS + 1,
        digests: 0,
      });
    } finally {
      await emptyPool.end();
    }
  });
});
