/**
 * Connection settings per database setting. Signing an IAM auth token is local SigV4 work:
 * with explicit credentials and region the Signer never calls AWS, so these tests need no
 * network (AWS_EC2_METADATA_DISABLED is set by .mocharc.cjs besides).
 */
import assert from "node:assert/strict";
import { cachedToken, iamAuthTokenProvider, IAM_TOKEN_REUSE_MS, poolConfig } from "./db-connection";
import type { DatabaseConfig } from "./config";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "test" };
const HOST = "fx-prod.cluster-abcdefghijkl.us-east-1.rds.amazonaws.com";
const iam: DatabaseConfig = {
  database: { kind: "iam", host: HOST, port: 5432, database: "trade", user: "trade_api", region: "us-east-1" },
  dbPoolMax: 2,
};

/** A signer that counts its calls and answers token-1, token-2, … */
function countingSigner() {
  let calls = 0;
  return { sign: async () => `token-${++calls}`, calls: () => calls };
}

describe("iamAuthTokenProvider", () => {
  const token = () =>
    iamAuthTokenProvider({ hostname: HOST, port: 5432, username: "trade_api", region: "us-east-1", credentials })();

  it("should sign a connect request for the endpoint and port", async () => {
    assert.ok((await token()).startsWith(`${HOST}:5432/?`));
  });

  it("should sign the connect action for the trade_api user", async () => {
    const params = new URLSearchParams((await token()).split("?")[1]);
    assert.deepEqual([params.get("Action"), params.get("DBUser")], ["connect", "trade_api"]);
  });

  it("should scope the signature to rds-db in the region with the given credentials", async () => {
    const params = new URLSearchParams((await token()).split("?")[1]);
    assert.match(params.get("X-Amz-Credential") ?? "", /^AKIDEXAMPLE\/\d{8}\/us-east-1\/rds-db\/aws4_request$/);
  });

  it("should ask for the 15-minute validity RDS allows", async () => {
    assert.equal(new URLSearchParams((await token()).split("?")[1]).get("X-Amz-Expires"), "900");
  });
});

describe("cachedToken", () => {
  it("should reuse a token younger than the reuse period", async () => {
    let now = 0;
    const s = countingSigner();
    const get = cachedToken(s.sign, { now: () => now });
    await get();
    now = IAM_TOKEN_REUSE_MS - 1;
    assert.deepEqual([await get(), s.calls()], ["token-1", 1]);
  });

  it("should sign a new token once the reuse period is over", async () => {
    let now = 0;
    const s = countingSigner();
    const get = cachedToken(s.sign, { now: () => now });
    await get();
    now = IAM_TOKEN_REUSE_MS;
    assert.equal(await get(), "token-2");
  });

  it("should never hand out a token within 5 minutes of its 15-minute expiry", async () => {
    let now = 0;
    const signedAt = new Map<string, number>();
    const get = cachedToken(
      async () => {
        const token = `token-at-${now}`;
        signedAt.set(token, now);
        return token;
      },
      { now: () => now },
    );
    let oldest = 0;
    for (now = 0; now <= 60 * 60_000; now += 30_000)
      oldest = Math.max(oldest, now - (signedAt.get(await get()) ?? Number.NaN));
    assert.ok(oldest <= 10 * 60_000, `a token ${oldest} ms old was handed out`);
  });

  it("should share one signing between concurrent callers", async () => {
    const s = countingSigner();
    const get = cachedToken(s.sign);
    await Promise.all([get(), get(), get()]);
    assert.equal(s.calls(), 1);
  });

  it("should sign again after a failed signing instead of repeating the failure", async () => {
    let fail = true;
    const get = cachedToken(async () => {
      if (fail) throw new Error("no credentials");
      return "token";
    });
    await assert.rejects(get(), /no credentials/);
    fail = false;
    assert.equal(await get(), "token");
  });
});

describe("poolConfig", () => {
  it("should log in as the IAM database user with a token function for the password", async () => {
    const config = await poolConfig(iam, { credentials });
    assert.deepEqual(
      [config.host, config.port, config.database, config.user, typeof config.password],
      [HOST, 5432, "trade", "trade_api", "function"],
    );
  });

  it("should hand pg an IAM auth token as the password", async () => {
    const config = await poolConfig(iam, { credentials });
    const password = config.password as () => Promise<string>;
    assert.match(await password(), /[?&]Action=connect&DBUser=trade_api&/);
  });

  it("should require TLS with certificate verification for IAM authentication", async () => {
    assert.deepEqual((await poolConfig(iam, { credentials })).ssl, { rejectUnauthorized: true });
  });

  it("should use the connection string as given for a url setting", async () => {
    const config = await poolConfig({
      database: { kind: "url", url: "postgres://u:p@127.0.0.1:5432/trade" },
      dbPoolMax: 3,
    });
    assert.deepEqual(
      [config.connectionString, config.max, config.ssl],
      ["postgres://u:p@127.0.0.1:5432/trade", 3, undefined],
    );
  });

  it("should log in with the secret's user and password for a secret setting", async () => {
    const config = await poolConfig(
      { database: { kind: "secret", secretId: "arn:s", host: HOST }, dbPoolMax: 1 },
      { readSecret: async () => ({ username: "postgres", password: "pw", dbname: "trade" }) },
    );
    assert.deepEqual(
      [config.host, config.port, config.user, config.password, config.database],
      [HOST, 5432, "postgres", "pw", "trade"],
    );
  });

  it("should say a secret reader is needed when a secret setting has none", async () => {
    await assert.rejects(
      poolConfig({ database: { kind: "secret", secretId: "arn:s" }, dbPoolMax: 1 }),
      /needs a secret reader/,
    );
  });

  it("should ask for DB_HOST when neither the setting nor the secret names a host", async () => {
    await assert.rejects(
      poolConfig(
        { database: { kind: "secret", secretId: "arn:s" }, dbPoolMax: 1 },
        { readSecret: async () => ({ username: "u", password: "p" }) },
      ),
      /DB_HOST is required/,
    );
  });
});
