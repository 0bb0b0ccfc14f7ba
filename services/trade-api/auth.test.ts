import assert from "node:assert/strict";
import { startDynalite, type RunningDynalite } from "../shared/testing/dynalite";
import { ensureApiKeysTable, putApiKey } from "./api-keys-admin";
import { WeakApiKeyError } from "./api-key-strength";
import {
  apiKeyDenial,
  authenticate,
  CachingApiKeyStore,
  DynamoApiKeyStore,
  hashApiKey,
  sameKeyHash,
  StaticApiKeyStore,
  type ApiKeyStore,
} from "./auth";

const GOOD = "fxtest_HBJtq3fUbmtxh1-gdpkE8vKcbO6o9rOU6YEF1Q2WlZc";
const REVOKED = "fxtest_Zl4qpWDrXr-0LHWKUQpYHdh8Hm3k7N2pCg5IBx1Ts6o";
const UNKNOWN = "fxtest_yT9vR8s2Qf1wKc7mLh3nJd5bXa0pEz6uGi4oNq2VrSk";

describe("auth", () => {
  let dynamo: RunningDynalite;
  let store: DynamoApiKeyStore;
  before(async () => {
    dynamo = await startDynalite();
    const client = dynamo.client();
    await ensureApiKeysTable(client, "keys");
    await ensureApiKeysTable(client, "keys"); // second call is a no-op
    await putApiKey(client, "keys", GOOD, "client-1", { usageKey: "usage-value-client-1" });
    await putApiKey(client, "keys", REVOKED, "client-2", { status: "REVOKED" });
    store = new DynamoApiKeyStore(client, "keys");
  });
  after(async () => {
    await dynamo.stop();
  });

  it("should accept an active key and name its client and usage-plan key", async () => {
    assert.deepEqual(await authenticate(store, GOOD), {
      clientId: "client-1",
      usageIdentifierKey: "usage-value-client-1",
    });
  });

  it("should refuse a revoked key with 401", async () => {
    await assert.rejects(authenticate(store, REVOKED), { status: 401 });
  });

  it("should refuse an unknown key with 401", async () => {
    await assert.rejects(authenticate(store, UNKNOWN), { status: 401 });
  });

  it("should refuse an over-long key without a lookup", async () => {
    let lookups = 0;
    const counting: ApiKeyStore = { findByHash: async () => ((lookups += 1), undefined) };
    await assert.rejects(authenticate(counting, `fxk_${"k".repeat(257)}`), { status: 401 });
    assert.equal(lookups, 0);
  });

  it("should refuse a key without the issued shape without a lookup", async () => {
    let lookups = 0;
    const counting: ApiKeyStore = { findByHash: async () => ((lookups += 1), undefined) };
    await assert.rejects(authenticate(counting, "test-key-0123456789"), { status: 401 });
    assert.equal(lookups, 0);
  });

  it("should refuse a row whose stored hash differs from the presented key's", async () => {
    const loose: ApiKeyStore = { findByHash: async () => ({ clientId: "c", keyHash: hashApiKey(UNKNOWN) }) };
    await assert.rejects(authenticate(loose, GOOD), { status: 401 });
  });

  it("should compare key hashes without throwing on a malformed stored hash", async () => {
    assert.equal(sameKeyHash(hashApiKey(GOOD), "abc"), false);
  });

  it("should find equal key hashes equal", async () => {
    assert.equal(sameKeyHash(hashApiKey(GOOD), hashApiKey(GOOD)), true);
  });

  it("should store only the SHA-256 of a key", async () => {
    assert.equal(hashApiKey("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("should refuse to register a weak key and write nothing", async () => {
    const client = dynamo.client();
    await assert.rejects(putApiKey(client, "keys", "fxk_password", "client-3"), WeakApiKeyError);
    client.destroy();
  });

  it("should serve a static store's key with its hash", async () => {
    const statics = new StaticApiKeyStore(new Map([[hashApiKey(GOOD), { clientId: "azure-1" }]]));
    assert.deepEqual(await authenticate(statics, GOOD), { clientId: "azure-1" });
  });

  it("should bound a denied request's path in its audit event", async () => {
    const event = apiKeyDenial("GET", `/${"a".repeat(2000)}`, "198.51.100.7");
    assert.ok(event.resource.length <= 512);
  });

  it("should serve a cached key until its TTL passes, then look it up again", async () => {
    let now = 0;
    let lookups = 0;
    const inner: ApiKeyStore = { findByHash: async () => ((lookups += 1), { clientId: "c", keyHash: "h" }) };
    const cached = new CachingApiKeyStore(inner, 1000, () => now);
    await cached.findByHash("h");
    await cached.findByHash("h");
    now = 1001;
    await cached.findByHash("h");
    assert.equal(lookups, 2);
  });

  it("should not cache a refusal, so a new key works at once", async () => {
    let known = false;
    const inner: ApiKeyStore = { findByHash: async () => (known ? { clientId: "c", keyHash: "h" } : undefined) };
    const cached = new CachingApiKeyStore(inner, 60_000);
    assert.equal(await cached.findByHash("h"), undefined);
    known = true;
    assert.deepEqual(await cached.findByHash("h"), { clientId: "c", keyHash: "h" });
  });
});
