import assert from "node:assert/strict";
import { startDynalite, type RunningDynalite } from "../shared/testing/dynalite";
import { ensureApiKeysTable, putApiKey } from "./api-keys-admin";
import { authenticate, CachingApiKeyStore, DynamoApiKeyStore, hashApiKey, type ApiKeyStore } from "./auth";

describe("auth", () => {
  let dynamo: RunningDynalite;
  let store: DynamoApiKeyStore;
  before(async () => {
    dynamo = await startDynalite();
    const client = dynamo.client();
    await ensureApiKeysTable(client, "keys");
    await ensureApiKeysTable(client, "keys"); // second call is a no-op
    await putApiKey(client, "keys", "good-key", "client-1");
    await putApiKey(client, "keys", "revoked-key", "client-2", "REVOKED");
    store = new DynamoApiKeyStore(client, "keys");
  });
  after(async () => {
    await dynamo.stop();
  });

  it("should accept an active key and name its client", async () => {
    assert.deepEqual(await authenticate(store, "good-key"), { clientId: "client-1" });
  });

  it("should refuse a revoked key with 401", async () => {
    await assert.rejects(authenticate(store, "revoked-key"), { status: 401 });
  });

  it("should refuse an unknown key with 401", async () => {
    await assert.rejects(authenticate(store, "nope"), { status: 401 });
  });

  it("should refuse an over-long key without a lookup", async () => {
    let lookups = 0;
    const counting: ApiKeyStore = { findByHash: async () => ((lookups += 1), undefined) };
    await assert.rejects(authenticate(counting, "k".repeat(257)), { status: 401 });
    assert.equal(lookups, 0);
  });

  it("should store only the SHA-256 of a key", async () => {
    assert.equal(hashApiKey("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("should serve a cached key until its TTL passes, then look it up again", async () => {
    let now = 0;
    let lookups = 0;
    const inner: ApiKeyStore = { findByHash: async () => ((lookups += 1), { clientId: "c" }) };
    const cached = new CachingApiKeyStore(inner, 1000, () => now);
    await cached.findByHash("h");
    await cached.findByHash("h");
    now = 1001;
    await cached.findByHash("h");
    assert.equal(lookups, 2);
  });

  it("should not cache a refusal, so a new key works at once", async () => {
    let known = false;
    const inner: ApiKeyStore = { findByHash: async () => (known ? { clientId: "c" } : undefined) };
    const cached = new CachingApiKeyStore(inner, 60_000);
    assert.equal(await cached.findByHash("h"), undefined);
    known = true;
    assert.deepEqual(await cached.findByHash("h"), { clientId: "c" });
  });
});
