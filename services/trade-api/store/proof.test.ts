import assert from "node:assert/strict";
import type { Pool } from "pg";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { verifyProof, type ProofDocument } from "../client/verify-proof";
import { orderRecord as record } from "../testing/order-record";
import { writeDigest } from "./digest-writer";
import { migrate } from "./migrations";
import { PgOrderStore } from "./pg-store";

const quiet = (p: Pool): Pool => p.on("error", () => undefined);
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const clone = (p: ProofDocument): any => JSON.parse(JSON.stringify(p));

describe("PgOrderStore.getProof", () => {
  let pg: RunningPostgres;
  let pool: Pool;
  let store: PgOrderStore;
  const book = (n: number, clientId = "c1") =>
    store.book({
      clientId,
      idempotencyKey: `k-${n}`,
      requestHash: "h".repeat(64),
      price: async () => record(id(n), clientId),
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

  it("should answer 409 PROOF_PENDING when no digest covers the order yet", async () => {
    await book(1);
    await assert.rejects(store.getProof("c1", id(1)), (err: any) => err.status === 409 && err.code === "PROOF_PENDING");
  });

  it("should give a proof the client-side verifier accepts once a digest covers the order", async () => {
    const digest = await writeDigest(pool);
    const proof = (await store.getProof("c1", id(1))) as ProofDocument;
    assert.deepEqual(verifyProof(proof, { orderId: id(1), trustedDigestHash: digest.hash }), {
      valid: true,
      problems: [],
      digestHash: digest.hash,
    });
  });

  it("should walk the chain path through later entries of the chain up to the covering digest", async () => {
    // Entries on one chain after order 2, then a digest: the path must cover them.
    const first = await book(2);
    const sameChain: number[] = [];
    for (let n = 100; sameChain.length < 2 && n < 5000; n += 1) {
      const r = await book(n, "c2");
      if (r.view.ledger.chain === first.view.ledger.chain) sameChain.push(n);
    }
    const digest = await writeDigest(pool);
    const proof = (await store.getProof("c1", id(2))) as ProofDocument;
    assert.deepEqual(
      [proof.chainPath.length >= 2, proof.digest.id, verifyProof(proof, { trustedDigestHash: digest.hash }).valid],
      [true, Number(digest.id), true],
    );
  });

  it("should disclose no other client's payload in the chain path", async () => {
    const proof = (await store.getProof("c1", id(2))) as ProofDocument;
    const keys = new Set(proof.chainPath.flatMap((step) => Object.keys(step)));
    assert.deepEqual([...keys].sort(), ["payloadHash", "sequence"]);
  });

  it("should fail the check when the payload was altered", async () => {
    const proof = clone((await store.getProof("c1", id(1))) as ProofDocument);
    proof.entry.payload = proof.entry.payload.replace('"1.08"', '"9.08"');
    assert.ok(
      verifyProof(proof).problems.includes("entry.hash does not match the entry's sequence, prevHash and payload"),
    );
  });

  it("should fail the check when a chain path step was altered", async () => {
    const proof = clone((await store.getProof("c1", id(2))) as ProofDocument);
    proof.chainPath[0].payloadHash = "0".repeat(64);
    assert.ok(verifyProof(proof).problems.includes("the chain path does not end at the digest's head"));
  });

  it("should fail the check when the Merkle path was altered", async () => {
    const proof = clone((await store.getProof("c1", id(1))) as ProofDocument);
    proof.digest.merklePath[0].hash = "0".repeat(64);
    assert.ok(verifyProof(proof).problems.includes("the Merkle path does not lead to the digest's tree root"));
  });

  it("should fail the check when the digest is not the trusted one", async () => {
    const proof = (await store.getProof("c1", id(1))) as ProofDocument;
    assert.deepEqual(verifyProof(proof, { trustedDigestHash: "f".repeat(64) }).problems, [
      "the digest is not the trusted one",
    ]);
  });

  it("should fail the check when the proof is about another order", async () => {
    const proof = (await store.getProof("c1", id(1))) as ProofDocument;
    assert.deepEqual(verifyProof(proof, { orderId: id(9) }).problems, ["the proof is for another order"]);
  });

  it("should give nothing for another client's order", async () => {
    assert.equal(await store.getProof("c2", id(1)), undefined);
  });
});
