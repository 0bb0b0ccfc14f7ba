/**
 * Whole-ledger verification: every entry recomputed in one sequential pass over the heap (in
 * parallel over several connections that share one exported snapshot, so the result describes
 * one instant), every chain's links checked from what the pass recorded, every digest recomputed
 * and linked to the one before it, and every head a digest names found in its chain with that
 * hash, so history rewritten after a digest is caught even if it was re-hashed consistently.
 */
import type { Pool, PoolClient } from "pg";
import { digestHash, FIRST_DIGEST_PREV, merkleRoot, type ChainHead } from "../domain/digest";
import { entryHash, genesisHash, ruleOf, type ChainProblem, type HashRule } from "../domain/ledger";

export interface VerifyOptions {
  /** Connections to read chains over, default 4, never more than the pool allows. */
  readonly connections?: number;
}

export interface LedgerVerdict {
  readonly valid: boolean;
  /** Entries read, valid or not, over every chain. */
  readonly entries: number;
  /** Merkle root over every chain's stored head (the tree a digest would commit to now). */
  readonly headHash: string;
  /** Chains, the frozen chain 0 included. */
  readonly chains: number;
  /** Digests checked. */
  readonly digests: number;
  readonly latestDigest?: { readonly id: number; readonly hash: string; readonly createdAt: string };
  /** The first problem (lowest chain first; digest problems before chain problems). */
  readonly problem?: ChainProblem;
}

/** Heap pages per scan query: about 8 MB of rows, so memory stays flat whatever the ledger's size. */
const PAGES_PER_QUERY = 1000;
const SNAPSHOT_ID = /^[0-9A-Fa-f-]+$/;

interface DigestRow {
  id: string;
  created_at: Date;
  heads: [number, string, string][];
  tree_root: string;
  prev_hash: string;
  hash: string;
}

/** Checks the digests on their own; returns what each names per chain (sequence → hash). */
function checkDigests(
  rows: readonly DigestRow[],
  problems: ChainProblem[],
): Map<number, Map<bigint, { hash: string; digest: string }>> {
  const named = new Map<number, Map<bigint, { hash: string; digest: string }>>();
  let prev = FIRST_DIGEST_PREV;
  rows.forEach((d, i) => {
    const fail = (reason: string) => problems.push({ sequence: BigInt(d.id), reason: `digest ${d.id}: ${reason}` });
    if (BigInt(d.id) !== BigInt(i + 1)) fail(`expected digest ${i + 1}`);
    if (d.prev_hash !== prev) fail("prev_hash does not match the previous digest's hash");
    const heads: ChainHead[] = d.heads.map(([chain, sequence, hash]) => ({ chain, sequence: BigInt(sequence), hash }));
    if (heads.some((h, j) => h.chain !== j)) fail("heads are not chains 0..n in order");
    if (merkleRoot(heads) !== d.tree_root) fail("tree_root does not match its heads");
    const hash = digestHash({
      id: BigInt(d.id),
      createdAt: d.created_at.toISOString(),
      prevHash: d.prev_hash,
      treeRoot: d.tree_root,
    });
    if (hash !== d.hash) fail("hash does not match its content");
    for (const h of heads) {
      let perChain = named.get(h.chain);
      if (!perChain) named.set(h.chain, (perChain = new Map()));
      perChain.set(h.sequence, { hash: h.hash, digest: d.id });
    }
    prev = d.hash;
  });
  return named;
}

/**
 * What a scan learns of one chain: every entry's hash and prev_hash by sequence (32 bytes each),
 * filled in whatever order the heap returns them, linked once the scan is done.
 */
class ChainState {
  readonly hashes: Buffer;
  readonly prevs: Buffer;
  readonly seen: Uint8Array;
  entries = 0;
  problem: ChainProblem | undefined;
  readonly rule: HashRule;

  constructor(readonly head: ChainHead) {
    const n = Number(head.sequence);
    this.hashes = Buffer.alloc(n * 32);
    this.prevs = Buffer.alloc(n * 32);
    this.seen = new Uint8Array(n);
    this.rule = ruleOf(head.chain);
  }

  fail(sequence: bigint, reason: string): void {
    if (!this.problem || sequence < this.problem.sequence) this.problem = { chain: this.head.chain, sequence, reason };
  }

  /** Checks one entry on its own (its content and position) and records its links. */
  push(sequence: string, prevHash: string, hash: string, payload: string): void {
    this.entries += 1;
    const seq = Number(sequence);
    if (!(seq >= 1 && seq <= this.seen.length))
      return this.fail(BigInt(sequence), "entry beyond the chain's stored head");
    if (this.seen[seq - 1]) return this.fail(BigInt(seq), "sequence appears twice");
    this.seen[seq - 1] = 1;
    if (entryHash(BigInt(seq), prevHash, payload, this.rule) !== hash)
      this.fail(BigInt(seq), "hash does not match the entry's content");
    this.hashes.write(hash, (seq - 1) * 32, 32, "hex");
    this.prevs.write(prevHash, (seq - 1) * 32, 32, "hex");
  }

  /** The hash stored for entry `seq` (the genesis hash for 0). */
  hashAt(seq: number): string {
    return seq === 0 ? genesisHash(this.head.chain) : this.hashes.toString("hex", (seq - 1) * 32, seq * 32);
  }

  /** After the scan: every sequence present, each prev_hash the hash before it, the head last. */
  link(named: Map<bigint, { hash: string; digest: string }> | undefined): void {
    const n = this.seen.length;
    let prev: Buffer = Buffer.from(genesisHash(this.head.chain), "hex");
    for (let i = 0; i < n; i += 1) {
      if (!this.seen[i]) return this.fail(BigInt(i + 1), `expected sequence ${i + 1}`);
      if (!this.prevs.subarray(i * 32, i * 32 + 32).equals(prev))
        return this.fail(BigInt(i + 1), "prev_hash does not match the previous entry's hash");
      prev = this.hashes.subarray(i * 32, i * 32 + 32);
    }
    if (prev.toString("hex") !== this.head.hash)
      this.fail(this.head.sequence, "stored head does not match the last entry");
    for (const [sequence, want] of named ?? []) {
      if (sequence > this.head.sequence)
        this.fail(sequence, `digest ${want.digest} names an entry beyond the chain's head`);
      else if (this.hashAt(Number(sequence)) !== want.hash)
        this.fail(sequence, `digest ${want.digest} committed another hash for this entry`);
    }
  }
}

/** A connection if one comes within 100 ms; else none (and a late one goes straight back). */
async function connectIfFree(pool: Pool): Promise<PoolClient | undefined> {
  const pending = pool.connect();
  const timer = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 100).unref());
  const db = await Promise.race([pending, timer]);
  if (db) return db;
  pending.then(
    (late) => late.release(),
    () => undefined,
  );
  return undefined;
}

export async function verifyLedger(pool: Pool, options: VerifyOptions = {}): Promise<LedgerVerdict> {
  const width = Math.max(1, Math.min(options.connections ?? 4, pool.options.max ?? 10));
  const clients: PoolClient[] = [];
  try {
    const lead = await pool.connect();
    clients.push(lead);
    await lead.query("begin isolation level repeatable read read only");
    const snapshot = (await lead.query<{ id: string }>("select pg_export_snapshot() as id")).rows[0]?.id ?? "";
    if (!SNAPSHOT_ID.test(snapshot)) throw new Error(`unexpected snapshot id ${JSON.stringify(snapshot)}`);
    for (let i = 1; i < width; i += 1) {
      const db = await connectIfFree(pool);
      if (!db) break; // the pool is busy serving others: verify over fewer connections
      clients.push(db);
      await db.query("begin isolation level repeatable read read only");
      await db.query(`set transaction snapshot '${snapshot}'`);
    }
    const heads = (
      await lead.query<{ chain: number; sequence: string; hash: string }>(
        "select chain, sequence, hash from trade.ledger_chains order by chain",
      )
    ).rows.map((r): ChainHead => ({ chain: r.chain, sequence: BigInt(r.sequence), hash: r.hash }));
    const digests = (
      await lead.query<DigestRow>(
        "select id, created_at, heads, tree_root, prev_hash, hash from trade.ledger_digests order by id",
      )
    ).rows;
    const total = Number(
      (await lead.query<{ n: string }>("select count(*) as n from trade.ledger_entries")).rows[0]?.n ?? 0,
    );

    const problems: ChainProblem[] = [];
    const named = checkDigests(digests, problems);
    for (const chain of named.keys()) {
      if (!heads.some((h) => h.chain === chain))
        problems.push({ chain, sequence: 0n, reason: "a digest names a chain the ledger does not have" });
    }
    const states = new Map(heads.map((h) => [h.chain, new ChainState(h)]));
    // One pass over the heap in page ranges, each connection taking the next range: every
    // entry is read once, sequentially, whatever order the chains' appends interleaved in.
    const pages = Number(
      (
        await lead.query<{ n: string }>(
          "select pg_relation_size('trade.ledger_entries') / current_setting('block_size')::int as n",
        )
      ).rows[0]?.n ?? 0,
    );
    let stray = 0;
    let nextPage = 0;
    await Promise.all(
      clients.map(async (db) => {
        for (let from = nextPage; from < pages; from = nextPage) {
          nextPage += PAGES_PER_QUERY;
          const { rows } = await db.query<[number, string, string, string, string]>({
            text: `select chain, sequence, prev_hash, hash, payload from trade.ledger_entries
                   where ctid >= $1::tid and ctid < $2::tid`,
            values: [`(${from},0)`, `(${from + PAGES_PER_QUERY},0)`],
            rowMode: "array",
          });
          for (const [chain, sequence, prevHash, hash, payload] of rows) {
            const state = states.get(chain);
            if (state) state.push(sequence, prevHash, hash, payload);
            else stray += 1;
          }
        }
      }),
    );
    // Rows on pages added after the size was read are not in the snapshot; the count is.
    await Promise.all(clients.map((db) => db.query("commit")));
    let entries = stray;
    for (const state of states.values()) {
      state.link(named.get(state.head.chain));
      entries += state.entries;
      if (state.problem) problems.push(state.problem);
    }
    if (stray > 0) problems.push({ sequence: BigInt(stray), reason: "entries outside every chain" });
    if (entries !== total)
      problems.push({ sequence: BigInt(total - entries), reason: "entries the scan did not reach" });
    const latest = digests[digests.length - 1];
    const verdict: LedgerVerdict = {
      valid: problems.length === 0,
      entries,
      headHash: merkleRoot(heads),
      chains: heads.length,
      digests: digests.length,
      ...(latest
        ? { latestDigest: { id: Number(latest.id), hash: latest.hash, createdAt: latest.created_at.toISOString() } }
        : {}),
    };
    return problems[0] ? { ...verdict, problem: problems[0] } : verdict;
  } catch (err) {
    await Promise.all(clients.map((db) => db.query("rollback").catch(() => undefined)));
    throw err;
  } finally {
    for (const db of clients) db.release();
  }
}
