/**
 * Ledger digests: at a fixed interval, one Merkle root over every chain's head (chain number,
 * sequence, hash), stamped with its time and linked to the digest before it. Stored
 * append-only in the database and, in AWS, written to an S3 bucket under Object Lock
 * (compliance mode), so a rewrite of history after a digest cannot go unnoticed.
 *
 *   leaf(c)  = SHA-256( "leaf\n<chain>\n<sequence>\n<hash>" )
 *   node     = SHA-256( "node\n<left>\n<right>" )
 *   tree     = RFC 6962 shape over the leaves in chain order: split at the largest power of two
 *              below n, so no leaf is duplicated and every tree has one root
 *   digest   = SHA-256( "digest\n<id>\n<createdAt ISO-8601>\n<previous digest hash>\n<tree root>" )
 *
 * The first digest's previous hash is 64 zeros. A client holding one digest hash (from the
 * Object Lock bucket) can check any order it covers with the proof's Merkle path.
 */
import { createHash } from "node:crypto";
import { GENESIS_HASH } from "./ledger";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export interface ChainHead {
  readonly chain: number;
  readonly sequence: bigint;
  readonly hash: string;
}

export interface MerkleStep {
  /** Which side the sibling is on when combining. */
  readonly side: "left" | "right";
  readonly hash: string;
}

export const leafHash = (h: ChainHead) => sha256(`leaf\n${h.chain}\n${h.sequence}\n${h.hash}`);
export const nodeHash = (left: string, right: string) => sha256(`node\n${left}\n${right}`);

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function rootOf(leaves: readonly string[]): string {
  if (leaves.length === 0) return sha256("");
  if (leaves.length === 1) return leaves[0] as string;
  const k = split(leaves.length);
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
}

/** Root over the heads, which must be in ascending chain order. */
export function merkleRoot(heads: readonly ChainHead[]): string {
  return rootOf(heads.map(leafHash));
}

/** The siblings from leaf `index` up to the root, nearest first. */
export function merklePath(heads: readonly ChainHead[], index: number): MerkleStep[] {
  const path: MerkleStep[] = [];
  const walk = (leaves: readonly string[], i: number) => {
    if (leaves.length <= 1) return;
    const k = split(leaves.length);
    if (i < k) {
      walk(leaves.slice(0, k), i);
      path.push({ side: "right", hash: rootOf(leaves.slice(k)) });
    } else {
      walk(leaves.slice(k), i - k);
      path.push({ side: "left", hash: rootOf(leaves.slice(0, k)) });
    }
  };
  walk(heads.map(leafHash), index);
  return path;
}

export interface DigestFields {
  readonly id: bigint;
  /** ISO-8601 UTC, millisecond precision, as stored. */
  readonly createdAt: string;
  readonly prevHash: string;
  readonly treeRoot: string;
}

export const digestHash = (d: DigestFields) => sha256(`digest\n${d.id}\n${d.createdAt}\n${d.prevHash}\n${d.treeRoot}`);

/** The previous-digest hash of digest 1. */
export const FIRST_DIGEST_PREV = GENESIS_HASH;
