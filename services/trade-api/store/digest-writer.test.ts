import assert from "node:assert/strict";
import type { Pool } from "pg";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { digestHash, FIRST_DIGEST_PREV, merkleRoot } from "../domain/digest";
import { canonicalJson, entryHash } from "../domain/ledger";
import { orderRecord as record } from "../testing/order-record";
import { runDigest, writeDigest, type DigestSink, type StoredDigest } from "./digest-writer";
import { migrate } from "./migrations";
import { PgOrderStore } from "./pg-store";

const quiet = (p: Pool): Pool => p.on("error", () => undefined);
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

class MemorySink implements DigestSink {
  readonly copies = new Map<bigint, StoredDigest>();
  failNext = false;
  async has(digestId: bigint) {
    return this.copies.has(digestId);
  }
  async put(digest: StoredDigest) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error("bucket unreachable");
    }
    this.copies.set(digest.id, digest);
  }
}

describe("writeDigest", () => {
  let pg: RunningPostgres;
  let pool: Pool;
  let store: PgOrderStore;
  const book = (n: number) =>
    store.book({
      clientId: "c1",
      idempotencyKey: `k-${n}`,
      requestHash: "h".repeat(64),
      price: async () => record(id(n)),
    });
  before(async () => {
    pg = await startPostgres();
    pool = quiet(pg.pool());
    await migrate(pool);
    store = new PgOrderStore(pool);
  });
  after(async () => {
    await pool.end();
    await pg.stop();
  });

  it("should commit every chain's head under a Merkle root, linked to no digest before the first", async () => {
    await book(1);
    const d = await writeDigest(pool);
    const heads = (
      await pool.query<{ chain: number; sequence: string; hash: string }>(
        "select chain, sequence, hash from trade.ledger_chains order by chain",
      )
    ).rows.map((r) => ({ chain: r.chain, sequence: BigInt(r.sequence), hash: r.hash }));
    assert.deepEqual(
      [d.id, d.prevHash, d.treeRoot, d.hash],
      [
        1n,
        FIRST_DIGEST_PREV,
        merkleRoot(heads),
        digestHash({ id: 1n, createdAt: d.createdAt, prevHash: FIRST_DIGEST_PREV, treeRoot: merkleRoot(heads) }),
      ],
    );
  });

  it("should number racing writers' digests consecutively, each linked to the one before", async () => {
    const written = await Promise.all([writeDigest(pool), writeDigest(pool), writeDigest(pool)]);
    const rows = (
      await pool.query<{ id: string; prev_hash: string; hash: string }>(
        "select id, prev_hash, hash from trade.ledger_digests order by id",
      )
    ).rows;
    assert.deepEqual(
      [written.map((d) => d.id).sort(), rows.slice(1).every((r, i) => r.prev_hash === rows[i]?.hash)],
      [[2n, 3n, 4n], true],
    );
  });

  it("should refuse UPDATE of a digest even for the table owner", async () => {
    await assert.rejects(
      pool.query("update trade.ledger_digests set tree_root = repeat('0', 64) where id = 1"),
      /append-only/,
    );
  });

  it("should verify every digest with the ledger", async () => {
    await book(2);
    await writeDigest(pool);
    const verdict = await store.verifyLedger();
    assert.deepEqual([verdict.valid, verdict.digests, verdict.latestDigest?.id], [true, 5, 5]);
  });

  it("should catch a chain rewritten consistently after a digest committed to it", async () => {
    await pg.createDatabase("rewrite");
    const rp = quiet(pg.pool("rewrite"));
    try {
      await migrate(rp);
      const rs = new PgOrderStore(rp);
      const booked = await rs.book({
        clientId: "c1",
        idempotencyKey: "k",
        requestHash: "h".repeat(64),
        price: async () => record(id(7)),
      });
      await writeDigest(rp);
      // The attack digests exist for: a superuser re-hashes the entry and its head to match.
      const { chain } = booked.view.ledger;
      const forged = canonicalJson({ ...record(id(7)), notional: "9999.00" });
      const prev = (
        await rp.query<{ prev_hash: string }>(
          "select prev_hash from trade.ledger_entries where chain = $1 and sequence = 1",
          [chain],
        )
      ).rows[0]?.prev_hash as string;
      const hash = entryHash(1n, prev, forged, 2);
      await rp.query("set session_replication_role = replica");
      await rp.query("update trade.ledger_entries set payload = $1, hash = $2 where chain = $3 and sequence = 1", [
        forged,
        hash,
        chain,
      ]);
      await rp.query("update trade.ledger_chains set hash = $1 where chain = $2", [hash, chain]);
      await rp.query("set session_replication_role = origin");
      const verdict = await rs.verifyLedger();
      assert.deepEqual(
        [verdict.valid, verdict.problem?.chain, verdict.problem?.reason],
        [false, chain, "digest 1 committed another hash for this entry"],
      );
    } finally {
      await rp.end();
    }
  });

  it("should copy the digest to the sink and repair a copy a failed run missed", async () => {
    const sink = new MemorySink();
    sink.failNext = true;
    const missed = await runDigest(pool, sink).catch(() => undefined);
    assert.equal(missed, undefined);
    const next = await runDigest(pool, sink);
    assert.deepEqual([sink.copies.has(next.id - 1n), sink.copies.has(next.id)], [true, true]);
  });
});
