/**
 * The verifiable ledger's hashing rules, independent of where entries are stored.
 *
 *   hash(n) = SHA-256( "<n>\n<hash(n-1)>\n<payload(n)>" ), hex; hash(0) = 64 zeros
 *
 * payload is canonical JSON (sorted keys, no whitespace) stored verbatim, so verification
 * recomputes exactly the bytes that were hashed. Changing any entry, or removing, inserting or
 * reordering one, breaks every later link.
 */
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };

/** JSON with object keys sorted at every level; `undefined` members are dropped. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isSafeInteger(value)) {
      throw new RangeError("canonical JSON allows only safe integers; send amounts as decimal strings");
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v: Json) => canonicalJson(v)).join(",")}]`;
  const object = value as { readonly [key: string]: Json | undefined };
  const members = Object.keys(object)
    .sort()
    .filter((k) => object[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k] as Json)}`);
  return `{${members.join(",")}}`;
}

export function entryHash(sequence: bigint, prevHash: string, payload: string): string {
  return createHash("sha256").update(`${sequence}\n${prevHash}\n${payload}`, "utf8").digest("hex");
}

/** One stored entry as read back for verification. */
export interface StoredEntry {
  readonly sequence: bigint;
  readonly prevHash: string;
  readonly hash: string;
  readonly payload: string;
}

export interface ChainProblem {
  readonly sequence: bigint;
  readonly reason: string;
}

export interface ChainVerdict {
  readonly valid: boolean;
  /** Entries read, valid or not. */
  readonly entries: number;
  /** Stored hash of the last entry read (GENESIS_HASH when the ledger is empty). */
  readonly headHash: string;
  /** The first break, if any. */
  readonly problem?: ChainProblem;
}

/**
 * Verifies a chain fed in sequence order, one entry at a time, so callers can stream pages
 * from the database without holding the whole ledger in memory.
 */
export class ChainVerifier {
  private expected = 1n;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private lastHash = GENESIS_HASH;
  private problem: ChainProblem | undefined;

  push(entry: StoredEntry): void {
    this.count += 1;
    this.lastHash = entry.hash;
    if (this.problem) return;
    const fail = (reason: string) => {
      this.problem = { sequence: entry.sequence, reason };
    };
    if (entry.sequence !== this.expected) return fail(`expected sequence ${this.expected}`);
    if (entry.prevHash !== this.prevHash) return fail("prev_hash does not match the previous entry's hash");
    if (entryHash(entry.sequence, entry.prevHash, entry.payload) !== entry.hash) {
      return fail("hash does not match the entry's content");
    }
    this.expected += 1n;
    this.prevHash = entry.hash;
  }

  /** Call after the last entry; `head` is the stored chain head the entries should end at. */
  finish(head?: { sequence: bigint; hash: string }): ChainVerdict {
    if (!this.problem && head && (head.sequence !== this.expected - 1n || head.hash !== this.prevHash)) {
      this.problem = { sequence: head.sequence, reason: "stored head does not match the last entry" };
    }
    const verdict = { valid: this.problem === undefined, entries: this.count, headHash: this.lastHash };
    return this.problem ? { ...verdict, problem: this.problem } : verdict;
  }
}
