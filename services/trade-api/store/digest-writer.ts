/**
 * Writes a ledger digest: every chain's head read in one statement (one snapshot, so the heads
 * are one instant), a Merkle root over them, stamped with the database's clock and linked to
 * the previous digest, inserted append-only into trade.ledger_digests. Writers serialize on an
 * advisory lock, so two schedules firing together write two consecutive digests, not a clash.
 * Reading the heads never blocks a booking (MVCC), so the interval holds under any load.
 *
 * A `DigestSink` then copies the digest out of the database (in AWS: the Object Lock bucket,
 * s3-digest-sink.ts); a copy that failed is retried by the next run.
 */
import type { Pool } from "pg";
import { digestHash, FIRST_DIGEST_PREV, merkleRoot, type ChainHead } from "../domain/digest";

export interface StoredDigest {
  readonly id: bigint;
  /** ISO-8601 UTC, milliseconds: after the snapshot the heads were read in. */
  readonly createdAt: string;
  readonly heads: readonly ChainHead[];
  readonly treeRoot: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** Where digests are copied outside the database. */
export interface DigestSink {
  /** Whether the copy of digest `id` exists (so a missed copy can be repaired). */
  has(id: bigint): Promise<boolean>;
  put(digest: StoredDigest): Promise<void>;
}

const LOCK_KEY = 7_316_402_912; // arbitrary constant naming "trade ledger digests"

interface DigestRow {
  id: string;
  created_at: Date;
  heads: [number, string, string][];
  tree_root: string;
  prev_hash: string;
  hash: string;
}

export function toStoredDigest(r: DigestRow): StoredDigest {
  return {
    id: BigInt(r.id),
    createdAt: r.created_at.toISOString(),
    treeRoot: r.tree_root,
    prevHash: r.prev_hash,
    hash: r.hash,
    heads: r.heads.map(([chain, sequence, hash]) => ({ chain, sequence: BigInt(sequence), hash })),
  };
}

/** The digest as stored and as copied out: heads as [chain, "sequence", hash]. */
export function digestDocument(d: StoredDigest): Record<string, unknown> {
  return {
    id: d.id.toString(),
    createdAt: d.createdAt,
    prevHash: d.prevHash,
    treeRoot: d.treeRoot,
    hash: d.hash,
    heads: d.heads.map((h) => [h.chain, h.sequence.toString(), h.hash]),
  };
}

export async function writeDigest(pool: Pool): Promise<StoredDigest> {
  const db = await pool.connect();
  try {
    // Read committed: after the lock each statement sees the digests written before it.
    await db.query("begin");
    await db.query("select pg_advisory_xact_lock($1)", [LOCK_KEY]);
    const heads = (
      await db.query<{ chain: number; sequence: string; hash: string }>(
        "select chain, sequence, hash from trade.ledger_chains order by chain",
      )
    ).rows.map((r): ChainHead => ({ chain: r.chain, sequence: BigInt(r.sequence), hash: r.hash }));
    // Rounded up to the millisecond: strictly after every commit the heads include.
    const at = (
      await db.query<{ at: Date }>(
        "select date_trunc('milliseconds', clock_timestamp()) + interval '1 millisecond' as at",
      )
    ).rows[0]?.at;
    const last = (
      await db.query<{ id: string; hash: string }>("select id, hash from trade.ledger_digests order by id desc limit 1")
    ).rows[0];
    if (!at || heads.length === 0) throw new Error("trade.ledger_chains is empty; run migrations");
    const id = last ? BigInt(last.id) + 1n : 1n;
    const prevHash = last?.hash ?? FIRST_DIGEST_PREV;
    const treeRoot = merkleRoot(heads);
    const createdAt = at.toISOString();
    const hash = digestHash({ id, createdAt, prevHash, treeRoot });
    await db.query(
      "insert into trade.ledger_digests (id, created_at, heads, tree_root, prev_hash, hash) values ($1, $2, $3::jsonb, $4, $5, $6)",
      [
        id.toString(),
        createdAt,
        JSON.stringify(heads.map((h) => [h.chain, h.sequence.toString(), h.hash])),
        treeRoot,
        prevHash,
        hash,
      ],
    );
    await db.query("commit");
    return { id, createdAt, heads, treeRoot, prevHash, hash };
  } catch (err) {
    await db.query("rollback").catch(() => undefined);
    throw err;
  } finally {
    db.release();
  }
}

/** Digest `id`, or undefined. */
export async function readDigest(pool: Pool, id: bigint): Promise<StoredDigest | undefined> {
  const { rows } = await pool.query<DigestRow>(
    "select id, created_at, heads, tree_root, prev_hash, hash from trade.ledger_digests where id = $1",
    [id.toString()],
  );
  return rows[0] && toStoredDigest(rows[0]);
}

/**
 * One scheduled run: writes a digest, copies it to the sink, and copies up to `repair` earlier
 * digests whose copy is missing (a run whose copy failed). Returns the digest written.
 */
export async function runDigest(pool: Pool, sink?: DigestSink, repair = 10): Promise<StoredDigest> {
  const digest = await writeDigest(pool);
  if (!sink) return digest;
  await sink.put(digest);
  for (let id = digest.id - 1n; id >= 1n && id >= digest.id - BigInt(repair); id -= 1n) {
    if (await sink.has(id)) break;
    const missed = await readDigest(pool, id);
    if (missed) await sink.put(missed);
  }
  return digest;
}

/**
 * Writes a digest every `intervalMs` until stopped (the dev server and benchmarks; AWS runs
 * the digest Lambda on an EventBridge schedule instead). Errors go to `onError`; the timer goes on.
 */
export function startDigestTimer(
  pool: Pool,
  intervalMs: number,
  onError: (err: unknown) => void,
  sink?: DigestSink,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => runDigest(pool, sink)).catch(onError);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
