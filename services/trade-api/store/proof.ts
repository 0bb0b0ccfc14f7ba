/**
 * An order's inclusion proof, checkable by the client without trusting this server
 * (client/verify-proof.ts): the entry with its payload, the chain path from it to the head a
 * digest committed to (each later entry's sequence and payload digest only, so other
 * clients' orders stay undisclosed), and that digest with the Merkle path from the chain's
 * head to its root. The digest's hash is what the Object Lock bucket holds.
 */
import type { Pool } from "pg";
import { ConflictError } from "../../shared/errors";
import { merklePath, type MerkleStep } from "../domain/digest";
import { LEGACY_CHAIN, payloadDigest } from "../domain/ledger";
import { toStoredDigest, type StoredDigest } from "./digest-writer";

export interface OrderProof {
  readonly orderId: string;
  readonly entry: {
    readonly chain: number;
    readonly sequence: number;
    readonly prevHash: string;
    readonly hash: string;
    /** Canonical JSON exactly as hashed. */
    readonly payload: string;
  };
  /** The entries after it up to the digest's head, in order. */
  readonly chainPath: readonly { readonly sequence: number; readonly payloadHash: string }[];
  readonly digest: {
    readonly id: number;
    readonly createdAt: string;
    readonly prevHash: string;
    readonly treeRoot: string;
    readonly hash: string;
    /** Leaves in the digest's tree (chains 0..leaves-1); the order's leaf index is its chain. */
    readonly leaves: number;
    readonly head: { readonly chain: number; readonly sequence: number; readonly hash: string };
    readonly merklePath: readonly MerkleStep[];
  };
}

type DigestRow = Parameters<typeof toStoredDigest>[0];

const DIGEST_COLUMNS = "id, created_at, heads, tree_root, prev_hash, hash";

/** The first digest whose head of `chain` is at or past `sequence`. */
async function coveringDigest(
  pool: Pool,
  chain: number,
  sequence: bigint,
  bookedAt: Date,
): Promise<StoredDigest | undefined> {
  // A digest covers an entry only if it was written after the entry's transaction began, so
  // the first candidates are the digests from then on (indexed); the scan is the fallback.
  const near = await pool.query<DigestRow>(
    `select ${DIGEST_COLUMNS} from trade.ledger_digests where created_at >= $1 order by id limit 3`,
    [bookedAt],
  );
  const covers = (d: StoredDigest) => (d.heads[chain]?.sequence ?? -1n) >= sequence;
  const found = near.rows.map(toStoredDigest).find(covers);
  if (found) return found;
  const far = await pool.query<DigestRow>(
    `select ${DIGEST_COLUMNS} from trade.ledger_digests where (heads -> $1::int ->> 1)::bigint >= $2 order by id limit 1`,
    [chain, sequence.toString()],
  );
  return far.rows[0] && toStoredDigest(far.rows[0]);
}

export async function buildProof(pool: Pool, clientId: string, orderId: string): Promise<OrderProof | undefined> {
  const { rows } = await pool.query<{
    chain: number;
    sequence: string;
    prev_hash: string;
    hash: string;
    payload: string;
    created_at: Date;
  }>(
    "select chain, sequence, prev_hash, hash, payload, created_at from trade.ledger_entries where order_id = $1 and client_id = $2",
    [orderId, clientId],
  );
  const entry = rows[0];
  if (!entry) return undefined;
  if (entry.chain === LEGACY_CHAIN) {
    throw new ConflictError(
      "PROOF_UNAVAILABLE",
      "this order was booked before the ledger was split into chains; its chain path would disclose other clients' orders. GET /v1/ledger/verify covers it",
    );
  }
  const sequence = BigInt(entry.sequence);
  const digest = await coveringDigest(pool, entry.chain, sequence, entry.created_at);
  const head = digest?.heads[entry.chain];
  if (!digest || !head) {
    throw new ConflictError(
      "PROOF_PENDING",
      "no ledger digest covers this order yet; digests are written every minute, retry after the next one",
    );
  }
  const path = await pool.query<{ sequence: string; payload: string }>(
    "select sequence, payload from trade.ledger_entries where chain = $1 and sequence > $2 and sequence <= $3 order by sequence",
    [entry.chain, entry.sequence, head.sequence.toString()],
  );
  return {
    orderId,
    entry: {
      chain: entry.chain,
      sequence: Number(entry.sequence),
      prevHash: entry.prev_hash,
      hash: entry.hash,
      payload: entry.payload,
    },
    chainPath: path.rows.map((r) => ({ sequence: Number(r.sequence), payloadHash: payloadDigest(r.payload) })),
    digest: {
      id: Number(digest.id),
      createdAt: digest.createdAt,
      prevHash: digest.prevHash,
      treeRoot: digest.treeRoot,
      hash: digest.hash,
      leaves: digest.heads.length,
      head: { chain: head.chain, sequence: Number(head.sequence), hash: head.hash },
      merklePath: merklePath(digest.heads, entry.chain),
    },
  };
}
