import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { API_KEYS_PLACEHOLDER } from "../../platform-rules/dr-standby";
import { hashApiKey } from "./auth";
import { DEFAULT_AZURE_ROUTE_PREFIX, loadAzureSettings } from "./azure-settings";

const HASH = hashApiKey("standby-key");
/** What components/azure/standby.ts sets, with the Key Vault references resolved. */
const functionApp = {
  DATABASE_HOST: "fxprodab12-dr-pg.postgres.database.azure.com",
  DATABASE_PORT: "5432",
  DATABASE_NAME: "fx",
  DATABASE_USER: "trade_api",
  DATABASE_SSLMODE: "verify-full",
  DATABASE_PASSWORD: "s3cret-from-key-vault",
  API_KEY_HASHES: `client-1:${HASH}`,
  ALLOWED_PAIRS: "EUR/USD,USD/JPY",
};

const problemsOf = (env: Record<string, string | undefined>): string => {
  try {
    loadAzureSettings(env);
    return "";
  } catch (err) {
    return (err as Error).message;
  }
};

describe("loadAzureSettings", () => {
  it("should build the pg connection from the Function App's discrete settings", async () => {
    const { host, port, database, user, password } = loadAzureSettings(functionApp).pool;
    assert.deepEqual(
      { host, port, database, user, password },
      {
        host: functionApp.DATABASE_HOST,
        port: 5432,
        database: "fx",
        user: "trade_api",
        password: "s3cret-from-key-vault",
      },
    );
  });

  it("should verify the server certificate and host name", async () => {
    assert.deepEqual(loadAzureSettings(functionApp).pool.ssl, { rejectUnauthorized: true });
  });

  it("should default the port to 5432 when DATABASE_PORT is unset", async () => {
    assert.equal(loadAzureSettings({ ...functionApp, DATABASE_PORT: undefined }).pool.port, 5432);
  });

  it("should prefer DATABASE_URL for local runs", async () => {
    const pool = loadAzureSettings({ ...functionApp, DATABASE_URL: "postgres://u:p@127.0.0.1:5432/fx" }).pool;
    assert.equal(pool.connectionString, "postgres://u:p@127.0.0.1:5432/fx");
  });

  it("should accept DATABASE_URL without any discrete setting", async () => {
    assert.equal(
      problemsOf({ DATABASE_URL: "postgres://u:p@127.0.0.1:5432/fx", API_KEY_HASHES: functionApp.API_KEY_HASHES }),
      "",
    );
  });

  it("should name every missing database setting", async () => {
    assert.match(
      problemsOf({ API_KEY_HASHES: functionApp.API_KEY_HASHES }),
      /set DATABASE_HOST, DATABASE_NAME, DATABASE_USER, DATABASE_PASSWORD \(the Function App sets them\) or DATABASE_URL/,
    );
  });

  it("should refuse a port out of range", async () => {
    assert.match(
      problemsOf({ ...functionApp, DATABASE_PORT: "70000" }),
      /DATABASE_PORT must be an integer from 1 to 65535 \(got "70000"\)/,
    );
  });

  it("should refuse a user that is not a role name", async () => {
    assert.match(
      problemsOf({ ...functionApp, DATABASE_USER: "Trade-API" }),
      /DATABASE_USER must be a PostgreSQL role name such as trade_api \(got "Trade-API"\)/,
    );
  });

  it("should refuse an sslmode weaker than verify-full", async () => {
    assert.match(
      problemsOf({ ...functionApp, DATABASE_SSLMODE: "require" }),
      /DATABASE_SSLMODE must be verify-full .*; got "require"/,
    );
  });

  it("should say when the password's Key Vault reference did not resolve", async () => {
    const env = {
      ...functionApp,
      DATABASE_PASSWORD: "@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/app-db-password)",
    };
    assert.match(
      problemsOf(env),
      /DATABASE_PASSWORD is an unresolved Key Vault reference: give the app's identity Key Vault Secrets User/,
    );
  });

  it("should say when the API keys' Key Vault reference did not resolve", async () => {
    const env = {
      ...functionApp,
      API_KEY_HASHES: "@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/api-key-hashes)",
    };
    assert.match(problemsOf(env), /API_KEY_HASHES is an unresolved Key Vault reference/);
  });

  it("should refuse to serve with no API key, naming the secret to fill", async () => {
    assert.match(
      problemsOf({ ...functionApp, API_KEY_HASHES: "" }),
      /API_KEY_HASHES lists no client: fill Key Vault secret api-key-hashes/,
    );
  });

  it("should refuse to serve, naming the secret to fill, when the secret still holds its creation placeholder", async () => {
    assert.match(
      problemsOf({ ...functionApp, API_KEY_HASHES: API_KEYS_PLACEHOLDER }),
      /API_KEY_HASHES lists no client: fill Key Vault secret api-key-hashes/,
    );
  });

  it("should map each key hash to its client", async () => {
    assert.deepEqual(loadAzureSettings(functionApp).apiKeys.get(HASH), { clientId: "client-1" });
  });

  it("should take the allowed pairs from ALLOWED_PAIRS", async () => {
    assert.deepEqual(loadAzureSettings(functionApp).allowedPairs, ["EUR/USD", "USD/JPY"]);
  });

  it("should refuse an allowed pair with no reference rate", async () => {
    assert.match(
      problemsOf({ ...functionApp, ALLOWED_PAIRS: "EUR/USD,NZD/SEK" }),
      /ALLOWED_PAIRS has pairs with no reference rate: NZD\/SEK/,
    );
  });

  it("should report every problem in one error", async () => {
    const message = problemsOf({
      ...functionApp,
      DATABASE_SSLMODE: "disable",
      API_KEY_HASHES: "",
      ALLOWED_PAIRS: "EURUSD",
    });
    assert.equal(message.split("\n- ").length - 1, 3, message);
  });

  it("should default the route prefix to empty, so paths match API Gateway's", async () => {
    assert.equal(loadAzureSettings(functionApp).routePrefix, "");
  });

  it("should normalise a route prefix given without its slash", async () => {
    assert.equal(loadAzureSettings({ ...functionApp, AZURE_ROUTE_PREFIX: "api/" }).routePrefix, "/api");
  });

  it("should match the route prefix of the package's host.json", async () => {
    const host = JSON.parse(readFileSync(join(__dirname, "azure", "host.json"), "utf8")) as {
      extensions: { http: { routePrefix: string } };
    };
    assert.equal(host.extensions.http.routePrefix, DEFAULT_AZURE_ROUTE_PREFIX);
  });
});
