/**
 * Client-side check of GET /v1/orders/{orderId}/proof, trusting nothing the server says: it
 * recomputes the order's entry hash from the payload, walks the chain path to the head the
 * digest committed to, climbs the Merkle path to the digest's tree root and recomputes the
 * digest's hash. Compare that hash with the copy in the digest bucket (S3 Object Lock,
 * `ledger-digests/<id>.json`) or with one you recorded earlier, and pass it as
 * `trustedDigestHash`: only then is the proof anchored outside the server.
 *
 * Deliberately self-contained (node:crypto only, no import from the server's code), so a
 * client can copy it and so a bug in the server's hashing cannot hide in a shared helper.
 * The rules are in services/trade-api/README.md ("Proofs").
 */
import { createHash } from "node:crypto";

export interface ProofDocument {
  readonly orderId: string;
  readonly entry: {
    readonly chain: number;
    readonly sequence: number;
    readonly prevHash: string;
    readonly hash: string;
    readonly payload: string;
  };
  readonly chainPath: readonly { readonly sequence: number; readonly payloadHash: string }[];
  readonly digest: {
    readonly id: number;
    readonly createdAt: string;
    readonly prevHash: string;
    readonly treeRoot: string;
    readonly hash: string;
    readonly leaves: number;
    readonly head: { readonly chain: number; readonly sequence: number; readonly hash: string };
    readonly merklePath: readonly { readonly side: "left" | "right"; readonly hash: string }[];
  };
}

export interface ProofCheck {
  readonly valid: boolean;
  /** Every check that failed, in order; empty when valid. */
  readonly problems: readonly string[];
  /** The digest hash recomputed from the proof: compare it with the Object Lock copy. */
  readonly digestHash: string;
}

export interface VerifyProofOptions {
  /** The order id the client booked; the proof must be about it. */
  readonly orderId?: string;
  /** A digest hash obtained outside this server (the Object Lock bucket). */
  readonly trustedDigestHash?: string;
}

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const HEX64 = /^[0-9a-f]{64}$/;

/** Size of the left subtree of an n-leaf tree (RFC 6962): the largest power of two below n. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The sides the Merkle path must take for leaf `index` of `leaves`, nearest the leaf first. */
function expectedSides(leaves: number, index: number): ("left" | "right")[] {
  const sides: ("left" | "right")[] = [];
  let n = leaves;
  let i = index;
  while (n > 1) {
    const k = split(n);
    if (i < k) {
      sides.push("right");
      n = k;
    } else {
      sides.push("left");
      i -= k;
      n -= k;
    }
  }
  return sides.reverse();
}

export function verifyProof(proof: ProofDocument, options: VerifyProofOptions = {}): ProofCheck {
  const problems: string[] = [];
  const { entry, digest } = proof;
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };

  let payload: { orderId?: unknown } | undefined;
  try {
    payload = JSON.parse(entry.payload) as { orderId?: unknown };
  } catch {
    problems.push("entry.payload is not JSON");
  }
  if (options.orderId !== undefined) check(proof.orderId === options.orderId, "the proof is for another order");
  check(payload?.orderId === proof.orderId, "entry.payload is not the order the proof names");
  for (const [name, value] of [
    ["entry.prevHash", entry.prevHash],
    ["entry.hash", entry.hash],
    ["digest.hash", digest.hash],
  ] as const) {
    check(HEX64.test(value), `${name} is not 64 lowercase hex digits`);
  }
  check(entry.chain >= 1 && entry.chain < digest.leaves, "entry.chain is not a chain of the digest");

  // 1. The entry: rule 2, hash = SHA-256("<seq>\n<prev>\n<SHA-256(payload)>").
  let hash = sha(`${entry.sequence}\n${entry.prevHash}\n${sha(entry.payload)}`);
  check(hash === entry.hash, "entry.hash does not match the entry's sequence, prevHash and payload");

  // 2. The chain path: each later entry links to the one before, up to the digest's head.
  let sequence = entry.sequence;
  for (const step of proof.chainPath) {
    check(step.sequence === sequence + 1, `chainPath skips from ${sequence} to ${step.sequence}`);
    check(HEX64.test(step.payloadHash), `chainPath[${step.sequence}].payloadHash is not a SHA-256`);
    hash = sha(`${step.sequence}\n${hash}\n${step.payloadHash}`);
    sequence = step.sequence;
  }
  check(digest.head.chain === entry.chain, "the digest head is for another chain");
  check(
    sequence === digest.head.sequence && hash === digest.head.hash,
    "the chain path does not end at the digest's head",
  );

  // 3. The Merkle path from the head's leaf (index = chain) to the tree root.
  const sides = expectedSides(digest.leaves, digest.head.chain);
  check(
    sides.length === digest.merklePath.length && sides.every((s, i) => digest.merklePath[i]?.side === s),
    "the Merkle path does not fit the head's position in the tree",
  );
  let node = sha(`leaf\n${digest.head.chain}\n${digest.head.sequence}\n${digest.head.hash}`);
  for (const step of digest.merklePath)
    node = step.side === "left" ? sha(`node\n${step.hash}\n${node}`) : sha(`node\n${node}\n${step.hash}`);
  check(node === digest.treeRoot, "the Merkle path does not lead to the digest's tree root");

  // 4. The digest itself.
  const digestHash = sha(`digest\n${digest.id}\n${digest.createdAt}\n${digest.prevHash}\n${digest.treeRoot}`);
  check(digestHash === digest.hash, "digest.hash does not match the digest's content");
  if (options.trustedDigestHash !== undefined)
    check(digestHash === options.trustedDigestHash, "the digest is not the trusted one");
  return { valid: problems.length === 0, problems, digestHash };
}
