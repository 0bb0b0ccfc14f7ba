import assert from "node:assert/strict";
import fc from "fast-check";
import { canonicalJson, ChainVerifier, entryHash, GENESIS_HASH, type StoredEntry } from "./ledger";

function chain(payloads: string[]): StoredEntry[] {
  let prev = GENESIS_HASH;
  return payloads.map((payload, i) => {
    const sequence = BigInt(i + 1);
    const hash = entryHash(sequence, prev, payload);
    const entry = { sequence, prevHash: prev, hash, payload };
    prev = hash;
    return entry;
  });
}

const verify = (entries: StoredEntry[], head?: { sequence: bigint; hash: string }) => {
  const v = new ChainVerifier();
  entries.forEach((e) => v.push(e));
  return v.finish(head);
};

describe("ledger hashing", () => {
  it("should sort keys at every level and drop undefined members", async () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [1, "x"], c: null }, u: undefined }),
      '{"a":{"c":null,"d":[1,"x"]},"b":1}',
    );
  });

  it("should refuse non-integer numbers so amounts stay decimal strings", async () => {
    assert.throws(() => canonicalJson({ amount: 1.5 }), /safe integers/);
  });

  it("should verify an intact chain and report its head", async () => {
    const entries = chain(["a", "b", "c"]);
    const last = entries[2] as StoredEntry;
    assert.deepEqual(verify(entries, { sequence: 3n, hash: last.hash }), {
      valid: true,
      entries: 3,
      headHash: last.hash,
    });
  });

  it("should find the first altered payload", async () => {
    const entries = chain(["a", "b", "c"]);
    entries[1] = { ...(entries[1] as StoredEntry), payload: "B" };
    assert.deepEqual(verify(entries).problem, { sequence: 2n, reason: "hash does not match the entry's content" });
  });

  it("should detect a removed entry", async () => {
    const entries = chain(["a", "b", "c"]);
    entries.splice(1, 1);
    assert.equal(verify(entries).problem?.reason, "expected sequence 2");
  });

  it("should detect a re-hashed forgery by its broken link", async () => {
    const entries = chain(["a", "b", "c"]);
    const forged = entries[1] as StoredEntry;
    entries[1] = { ...forged, payload: "B", hash: entryHash(2n, forged.prevHash, "B") };
    assert.equal(verify(entries).problem?.reason, "prev_hash does not match the previous entry's hash");
  });

  it("should detect a truncated tail through the stored head", async () => {
    const entries = chain(["a", "b", "c"]);
    const head = { sequence: 3n, hash: (entries[2] as StoredEntry).hash };
    assert.equal(verify(entries.slice(0, 2), head).problem?.reason, "stored head does not match the last entry");
  });

  it("should reject any single-character change anywhere in a random chain", async () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 8 }), fc.nat(), (payloads, pick) => {
        const entries = chain(payloads);
        const i = pick % entries.length;
        const e = entries[i] as StoredEntry;
        entries[i] = { ...e, payload: `${e.payload}x` };
        return !verify(entries).valid;
      }),
    );
  });
});
