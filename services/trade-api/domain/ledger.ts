/**
 * The verifiable ledger's hashing rules, independent of where entries are stored.
 *
 * The ledger is K independent hash chains (migration 006); an order is booked on the first free
 * chain of chainCandidates(orderId), which starts at its home chain chainOf(orderId).
 * Each chain links its own entries:
 *
 *   rule 2 (chains 1..K): hash(n) = SHA-256( "<n>\n<hash(n-1)>\n<SHA-256(payload(n)) hex>" ), hex
 *                         hash(0) = genesisHash(chain)
 *   rule 1 (chain 0, the single chain of before migration 006, frozen):
 *                         hash(n) = SHA-256( "<n>\n<hash(n-1)>\n<payload(n)>" ), hash(0) = 64 zeros
 *
 * Rule 2 links the payload's digest rather than the payload, so a proof can walk a chain from
 * one client's entry to a digest through other clients' entries without disclosing them.
 * payload is canonical JSON (sorted keys, no whitespace) stored verbatim, so verification
 * recomputes exactly the bytes that were hashed. Changing any entry, or removing, inserting or
 * reordering one, breaks every later link of its chain.
 */
import { hash } from "node:crypto";

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

/** 1: the payload itself is linked (legacy chain 0); 2: its SHA-256 is (chains 1..K). */
export type HashRule = 1 | 2;

/** The chain that holds entries booked before the ledger was split (migration 006). */
export const LEGACY_CHAIN = 0;

// One-shot hashing: about twice as fast as createHash for short inputs (verification hashes millions).
const sha256 = (text: string) => hash("sha256", text, "hex");

/** SHA-256 of the payload's UTF-8 bytes, hex: what rule 2 links and a proof's path carries. */
export function payloadDigest(payload: string): string {
  return sha256(payload);
}

/** Rule 2's link from the previous hash and the payload digest. */
export function linkHash(sequence: bigint, prevHash: string, digest: string): string {
  return sha256(`${sequence}\n${prevHash}\n${digest}`);
}

export function entryHash(sequence: bigint, prevHash: string, payload: string, rule: HashRule = 1): string {
  return rule === 2
    ? linkHash(sequence, prevHash, payloadDigest(payload))
    : sha256(`${sequence}\n${prevHash}\n${payload}`);
}

/** hash(0) of a chain: 64 zeros for the legacy chain, else bound to the chain's number. */
export function genesisHash(chain: number): string {
  return chain === LEGACY_CHAIN ? GENESIS_HASH : sha256(`fx-ledger genesis\n${chain}`);
}

export const ruleOf = (chain: number): HashRule => (chain === LEGACY_CHAIN ? 1 : 2);

/**
 * An order's home chain: 1 + (the first 32 bits of SHA-256(order id)) mod chains.
 * trade.chain_of computes the same in SQL; a client can recompute it from its order id.
 */
export function chainOf(orderId: string, chains: number): number {
  return 1 + (Number.parseInt(sha256(orderId.toLowerCase()).slice(0, 8), 16) % chains);
}

/**
 * The chains an order may be booked on: its home chain (chainOf) and the `candidates - 1`
 * after it, wrapping within 1..chains. trade.book_order takes the first that is free.
 */
export function chainCandidates(orderId: string, chains: number, candidates: number): number[] {
  const home = chainOf(orderId, chains);
  return Array.from({ length: Math.min(candidates, chains) }, (_, i) => 1 + ((home - 1 + i) % chains));
}

/** One stored entry as read back for verification. */
export interface StoredEntry {
  readonly sequence: bigint;
  readonly prevHash: string;
  readonly hash: string;
  readonly payload: string;
}

export interface ChainProblem {
  /** The chain the problem is in (absent for problems outside any chain, e.g. a digest). */
  readonly chain?: number;
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
  private prevHash: string;
  private count = 0;
  private lastHash: string;
  private problem: ChainProblem | undefined;
  private readonly rule: HashRule;
  private readonly chain: number | undefined;

  /** Default: the legacy chain's rules (rule 1 from 64 zeros), no chain number in problems. */
  constructor(options: { chain?: number } = {}) {
    this.chain = options.chain;
    this.rule = ruleOf(options.chain ?? LEGACY_CHAIN);
    this.prevHash = genesisHash(options.chain ?? LEGACY_CHAIN);
    this.lastHash = this.prevHash;
  }

  /** Hash of the last entry that verified (the genesis hash before any). */
  get verifiedHead(): { sequence: bigint; hash: string } {
    return { sequence: this.expected - 1n, hash: this.prevHash };
  }

  push(entry: StoredEntry): void {
    this.count += 1;
    this.lastHash = entry.hash;
    if (this.problem) return;
    const fail = (reason: string) => {
      this.problem =
        this.chain === undefined
          ? { sequence: entry.sequence, reason }
          : { chain: this.chain, sequence: entry.sequence, reason };
    };
    if (entry.sequence !== this.expected) return fail(`expected sequence ${this.expected}`);
    if (entry.prevHash !== this.prevHash) return fail("prev_hash does not match the previous entry's hash");
    if (entryHash(entry.sequence, entry.prevHash, entry.payload, this.rule) !== entry.hash) {
      return fail("hash does not match the entry's content");
    }
    this.expected += 1n;
    this.prevHash = entry.hash;
  }

  /** Call after the last entry; `head` is the stored chain head the entries should end at. */
  finish(head?: { sequence: bigint; hash: string }): ChainVerdict {
    if (!this.problem && head && (head.sequence !== this.expected - 1n || head.hash !== this.prevHash)) {
      const reason = "stored head does not match the last entry";
      this.problem =
        this.chain === undefined
          ? { sequence: head.sequence, reason }
          : { chain: this.chain, sequence: head.sequence, reason };
    }
    const verdict = { valid: this.problem === undefined, entries: this.count, headHash: this.lastHash };
    return this.problem ? { ...verdict, problem: this.problem } : verdict;
  }
}
