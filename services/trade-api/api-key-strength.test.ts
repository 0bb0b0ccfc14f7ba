import assert from "node:assert/strict";
import {
  API_KEY_MIN_ESTIMATED_BITS,
  apiKeyWeakness,
  assertStrongApiKey,
  estimatedEntropyBits,
  generateApiKey,
  hasApiKeyShape,
  WeakApiKeyError,
} from "./api-key-strength";

describe("generateApiKey", () => {
  it("should make a prefixed key with a 43-character base64url secret", async () => {
    assert.match(generateApiKey(), /^fxk_[A-Za-z0-9_-]{43}$/);
  });

  it("should make a different key every time", async () => {
    assert.notEqual(generateApiKey(), generateApiKey());
  });

  it("should make keys that its own strength check accepts", async () => {
    const weak = Array.from({ length: 2000 }, () => generateApiKey()).filter((k) => apiKeyWeakness(k) !== undefined);
    assert.deepEqual(weak, []);
  });

  it("should refuse a prefix that is not lower-case letters and digits", async () => {
    assert.throws(() => generateApiKey("FX_"), /prefix "FX_" must be 2 to 16 of a-z 0-9/);
  });
});

describe("apiKeyWeakness", () => {
  it("should refuse a key without a prefix", async () => {
    assert.match(apiKeyWeakness("0123456789abcdef0123456789abcdef0123456789abcdef") ?? "", /must be <prefix>_<secret>/);
  });

  it("should refuse a short secret, naming the minimum", async () => {
    assert.match(apiKeyWeakness("fxk_s3cr3tPassw0rd") ?? "", /14-character secret; at least 43 base64url characters/);
  });

  it("should refuse a long but repetitive secret as low in entropy", async () => {
    assert.match(apiKeyWeakness(`fxk_${"ab".repeat(30)}`) ?? "", /low-entropy secret \(about 60 bits/);
  });

  it("should refuse a key longer than 256 characters", async () => {
    assert.match(apiKeyWeakness(`fxk_${"a".repeat(300)}`) ?? "", /at most 256/);
  });

  it("should accept a generated key", async () => {
    assert.equal(apiKeyWeakness(generateApiKey("fxlocal")), undefined);
  });

  it("should never echo the key in its reason", async () => {
    const key = "fxk_hunter2hunter2";
    assert.equal((apiKeyWeakness(key) ?? "").includes("hunter2"), false);
  });
});

describe("assertStrongApiKey", () => {
  it("should throw a WeakApiKeyError that says how to make a good key", async () => {
    assert.throws(
      () => assertStrongApiKey("fxk_short"),
      (err: unknown) => {
        return err instanceof WeakApiKeyError && /npm run api-key -- issue/.test(err.message);
      },
    );
  });
});

describe("hasApiKeyShape", () => {
  it("should accept the issued shape", async () => {
    assert.equal(hasApiKeyShape(generateApiKey()), true);
  });

  it("should refuse a key with a short secret", async () => {
    assert.equal(hasApiKeyShape("fxk_abc"), false);
  });
});

describe("estimatedEntropyBits", () => {
  it("should estimate a single repeated character at zero bits", async () => {
    assert.equal(estimatedEntropyBits("a".repeat(50)), 0);
  });

  it("should estimate a random 32-byte secret above the floor", async () => {
    const secret = generateApiKey().slice(4);
    assert.ok(estimatedEntropyBits(secret) >= API_KEY_MIN_ESTIMATED_BITS);
  });
});
