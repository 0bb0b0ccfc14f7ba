/**
 * Whole-ledger verification: every entry recomputed in one sequential pass over the heap (in
 * parallel over several connections that share one exported snapshot, so the result describes
 * one instant), every chain's links checked from what the pass recorded, every digest recomputed
 * and linked to the one before it, and every head a digest names found in its chain with that
 * hash, so history rewritten after a digest is caught even if it was re-hashed consistently.
 *
 * The pass streams the heap as binary COPY (copy-rows.ts): row fetch and parse, not hashing,
 * were what a 1,000,000-entry verification spent its time on through the row protocol. The
 * server computes each rule-2 entry's payload digest, SHA-256 of its stored payload's UTF-8
 * bytes (the bytes trade.book_order hashed), on the connection's own core; this process links it
 * with the entry's sequence and prev_hash into the entry's hash (domain/ledger.ts) and compares.
 * Legacy chain 0 (rule 1 links the payload itself) gets its payloads.
 */
import { hash as sha256 } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import { to as copyTo } from "pg-copy-streams";
import { digestHash, FIRST_DIGEST_PREV, merkleRoot, type ChainHead } from "../domain/digest";
import { genesisHash, LEGACY_CHAIN, type ChainProblem } from "../domain/ledger";
import { readCopyBinary, type CopyTuple } from "./copy-rows";

export interface VerifyOptions {
  /**
   * Connections to read the heap over, default 2, never more than the pool allows. This
   * process's one thread is what bounds a pass (it computes every link hash); one connection's
   * server process keeps up with it and a second gives slack, while more only add streams to
   * interleave here (measured: more Node CPU at 4 than at 1 or 2, docs/ledger-capacity.md).
   */
  readonly connections?: number;
  /** Heap pages per scan query, default 4000 (about 32 MB): the unit connections share the heap in. */
  readonly pagesPerQuery?: number;
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

const PAGES_PER_QUERY = 4000;
const SNAPSHOT_ID = /^[0-9A-Fa-f-]+$/;
const NEWLINE = 0x0a;

/**
 * The pass over pages [from, to) (to = null: to the end of the heap, so rows on pages added after
 * the size was read are still reached). The fifth column: chain 0's payload, every other
 * chain's payload digest (convert_to: UTF-8 whatever the server's encoding, as book_order hashed).
 */
const scanSql = (from: number, to: number | null) => `copy (
  select chain, sequence, prev_hash, hash,
         case when chain = ${LEGACY_CHAIN} then convert_to(payload, 'UTF8') else sha256(convert_to(payload, 'UTF8')) end
  from trade.ledger_entries
  where ctid >= '(${from},0)'::tid${to === null ? "" : ` and ctid < '(${to},0)'::tid`}
) to stdout (format binary)`;

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

/** Room for one entry's hash input: the sequence, two newlines, prev_hash and what is linked. */
let scratch = Buffer.alloc(4096);
/** scratch's first n bytes, for every n a rule-2 input can have (no new view per entry). */
let views = Array.from({ length: 256 }, (_, n) => scratch.subarray(0, n));
/** Two lower-case hex digits (as one 16-bit big-endian code) → their byte; anything else → -1. */
const HEX_PAIR = new Int16Array(65536).fill(-1);
const HEX_DIGITS = Buffer.from("0123456789abcdef", "latin1");
for (let hi = 0; hi < 16; hi += 1)
  for (let lo = 0; lo < 16; lo += 1)
    HEX_PAIR[((HEX_DIGITS[hi] as number) << 8) | (HEX_DIGITS[lo] as number)] = (hi << 4) | lo;

/**
 * Decodes 64 lower-case hex digits at `data[from]` into 32 bytes at `into[at]`; false when the
 * field is anything else, so the 32 bytes kept stand for exactly the text stored.
 */
function decodeHash(data: Buffer, from: number, length: number, into: Buffer, at: number): boolean {
  if (length !== 64) return false;
  let bad = 0;
  for (let i = 0; i < 32; i += 1) {
    const byte = HEX_PAIR[((data[from + 2 * i] as number) << 8) | (data[from + 2 * i + 1] as number)] as number;
    bad |= byte;
    into[at + i] = byte;
  }
  return bad >= 0;
}

/** Where one entry's fields are in a COPY chunk (see copy-rows.ts). */
interface EntryFields {
  readonly data: Buffer;
  readonly start: Int32Array;
  readonly length: Int32Array;
}

const PREV = 2;
const HASH = 3;
const LINKED = 4;

/**
 * An entry's hash from its stored fields, byte for byte as domain/ledger.ts#entryHash hashes
 * them: "<n>\n<prev_hash>\n<payload digest hex>" (rule 2) or "<n>\n<prev_hash>\n<payload>" (rule 1),
 * as lower-case hex.
 */
function recompute(seq: number, row: EntryFields, legacy: boolean): string {
  const { data, start, length } = row;
  const prevLength = length[PREV] as number;
  const linkedLength = length[LINKED] as number;
  const need = 24 + prevLength + (legacy ? linkedLength : 2 * linkedLength);
  if (scratch.length < need) {
    scratch = Buffer.alloc(need * 2);
    views = views.map((_, n) => scratch.subarray(0, n));
  }
  let at = writeDecimal(scratch, seq);
  scratch[at++] = NEWLINE;
  at += data.copy(scratch, at, start[PREV], (start[PREV] as number) + prevLength);
  scratch[at++] = NEWLINE;
  const from = start[LINKED] as number;
  if (legacy) at += data.copy(scratch, at, from, from + linkedLength);
  else {
    for (let i = from; i < from + linkedLength; i += 1) {
      const byte = data[i] as number;
      scratch[at++] = HEX_DIGITS[byte >> 4] as number;
      scratch[at++] = HEX_DIGITS[byte & 15] as number;
    }
  }
  // The digest as 32 one-byte characters ("binary" = latin1): cheaper to make and compare than 64 hex digits.
  return sha256("sha256", views[at] ?? scratch.subarray(0, at), "binary");
}

/** Writes `n` (a safe non-negative integer) in decimal at the start of `into`; its length. */
function writeDecimal(into: Buffer, n: number): number {
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
  for (let i = digits - 1, rest = n; i >= 0; i -= 1, rest = Math.floor(rest / 10)) into[i] = 48 + (rest % 10);
  return digits;
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
  private readonly legacy: boolean;

  constructor(readonly head: ChainHead) {
    const n = Number(head.sequence);
    this.hashes = Buffer.alloc(n * 32);
    this.prevs = Buffer.alloc(n * 32);
    this.seen = new Uint8Array(n);
    this.legacy = head.chain === LEGACY_CHAIN;
  }

  fail(sequence: bigint, reason: string): void {
    if (!this.problem || sequence < this.problem.sequence) this.problem = { chain: this.head.chain, sequence, reason };
  }

  /**
   * Checks one entry on its own (its content and position) and records its links. The fifth
   * field is chain 0's payload or another chain's payload digest (32 bytes).
   */
  push(row: EntryFields): void {
    this.entries += 1;
    const { data, start, length } = row;
    const high = data.readInt32BE(start[1]);
    const seq = high * 0x1_0000_0000 + data.readUInt32BE((start[1] as number) + 4);
    if (!(high >= 0 && high < 0x20_0000 && seq >= 1 && seq <= this.seen.length))
      return this.fail(data.readBigInt64BE(start[1]), "entry beyond the chain's stored head");
    if (this.seen[seq - 1]) return this.fail(BigInt(seq), "sequence appears twice");
    this.seen[seq - 1] = 1;
    const at = (seq - 1) * 32;
    if (
      !decodeHash(data, start[HASH] as number, length[HASH] as number, this.hashes, at) ||
      recompute(seq, row, this.legacy) !== this.hashes.toString("latin1", at, at + 32)
    )
      this.fail(BigInt(seq), "hash does not match the entry's content");
    if (!decodeHash(data, start[PREV] as number, length[PREV] as number, this.prevs, at))
      this.fail(BigInt(seq), "prev_hash does not match the previous entry's hash");
  }

  /** An entry with a NULL where the schema has NOT NULL (only possible behind the schema's back). */
  incomplete(row: EntryFields): void {
    this.entries += 1;
    const sequence = row.length[1] === 8 ? row.data.readBigInt64BE(row.start[1]) : 0n;
    this.fail(sequence, "entry with a NULL field");
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
  const width = Math.max(1, Math.min(options.connections ?? 2, pool.options.max ?? 10));
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
    const problems: ChainProblem[] = [];
    const named = checkDigests(digests, problems);
    for (const chain of named.keys()) {
      if (!heads.some((h) => h.chain === chain))
        problems.push({ chain, sequence: 0n, reason: "a digest names a chain the ledger does not have" });
    }
    const states = new Map(heads.map((h) => [h.chain, new ChainState(h)]));
    // By chain number, for the scan's lookups (chains are small integers, 0..K).
    const byChain: (ChainState | undefined)[] = [];
    for (const [chain, state] of states) if (chain >= 0 && chain < 1 << 20) byChain[chain] = state;
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
    const take = (t: CopyTuple) => {
      const { data, start, length } = t;
      if (t.fields !== 5 || length[0] !== 4) return void (stray += 1);
      const state = byChain[data.readInt32BE(start[0])];
      if (!state) stray += 1;
      else if (length[1] !== 8 || Math.min(length[2]!, length[3]!, length[4]!) < 0) state.incomplete(t);
      else state.push(t);
    };
    // Connections take the next range of pages until one has taken the open-ended last range.
    let nextPage = 0;
    let lastTaken = false;
    const claim = (): [number, number | null] | undefined => {
      if (lastTaken) return undefined;
      const from = nextPage;
      nextPage += Math.max(1, Math.floor(options.pagesPerQuery ?? PAGES_PER_QUERY));
      lastTaken = nextPage >= pages;
      return [from, lastTaken ? null : nextPage];
    };
    await Promise.all(
      clients.map(async (db) => {
        for (let range = claim(); range; range = claim())
          await readCopyBinary(db.query(copyTo(scanSql(...range))), 5, take);
      }),
    );
    await Promise.all(clients.map((db) => db.query("commit")));
    let entries = stray;
    for (const state of states.values()) {
      state.link(named.get(state.head.chain));
      entries += state.entries;
      if (state.problem) problems.push(state.problem);
    }
    if (stray > 0) problems.push({ sequence: BigInt(stray), reason: "entries outside every chain" });
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
