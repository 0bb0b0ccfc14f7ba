import assert from "node:assert/strict";
import { loadConfig, loadDatabaseConfig } from "./config";

const ok = {
  DATABASE_URL: "postgres://u:p@127.0.0.1:5432/trade",
  API_KEYS_TABLE: "api-keys",
  AUDIT_TOPIC_ARN: "arn:aws:sns:us-east-1:123456789012:audit-events",
};

const problemsOf = (env: Record<string, string | undefined>) => {
  try {
    loadConfig(env);
    return "";
  } catch (err) {
    return (err as Error).message;
  }
};

describe("loadConfig", () => {
  it("should apply defaults when only the required settings are given", async () => {
    const config = loadConfig(ok);
    assert.deepEqual([config.dbPoolMax, config.allowedPairs.includes("EUR/USD")], [2, true]);
  });

  it("should connect as the IAM database user when DB_IAM_USER is set", async () => {
    const config = loadConfig({
      ...ok,
      DATABASE_URL: undefined,
      DB_IAM_USER: "trade_api",
      DB_HOST: "h",
      DB_PORT: "6432",
      AWS_REGION: "us-east-1",
    });
    assert.deepEqual(config.database, {
      kind: "iam",
      host: "h",
      port: 6432,
      database: "trade",
      user: "trade_api",
      region: "us-east-1",
    });
  });

  it("should read orders through DB_READER_HOST with the writer's IAM login when it is set", async () => {
    const config = loadConfig({
      ...ok,
      DATABASE_URL: undefined,
      DB_IAM_USER: "trade_api",
      DB_HOST: "writer",
      DB_READER_HOST: "reader",
      AWS_REGION: "us-east-1",
    });
    assert.deepEqual(config.reader?.database, {
      kind: "iam",
      host: "reader",
      port: 5432,
      database: "trade",
      user: "trade_api",
      region: "us-east-1",
    });
  });

  it("should use no separate reader when DB_READER_HOST equals DB_HOST", async () => {
    const config = loadConfig({
      ...ok,
      DATABASE_URL: undefined,
      DB_IAM_USER: "trade_api",
      DB_HOST: "writer",
      DB_READER_HOST: "writer",
      AWS_REGION: "us-east-1",
    });
    assert.equal(config.reader, undefined);
  });

  it("should name DB_READER_HOST when it is set without IAM auth", async () => {
    assert.match(problemsOf({ ...ok, DB_READER_HOST: "reader" }), /DB_READER_HOST needs DB_IAM_USER and DB_HOST/);
  });

  it("should ignore DB_SECRET_ARN for the API when neither DB_IAM_USER nor DATABASE_URL is set", async () => {
    assert.match(
      problemsOf({ ...ok, DATABASE_URL: undefined, DB_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:1:secret:db" }),
      /set DB_IAM_USER with DB_HOST \(IAM database authentication\) or DATABASE_URL/,
    );
  });

  it("should require DB_HOST when DB_IAM_USER is set", async () => {
    assert.match(
      problemsOf({ ...ok, DATABASE_URL: undefined, DB_IAM_USER: "trade_api", AWS_REGION: "us-east-1" }),
      /DB_HOST must name the cluster endpoint when DB_IAM_USER is set/,
    );
  });

  it("should require AWS_REGION when DB_IAM_USER is set", async () => {
    assert.match(
      problemsOf({ ...ok, DATABASE_URL: undefined, DB_IAM_USER: "trade_api", DB_HOST: "h" }),
      /AWS_REGION must be set when DB_IAM_USER is set/,
    );
  });

  it("should refuse a DB_IAM_USER that is not a role name", async () => {
    assert.match(
      problemsOf({ ...ok, DATABASE_URL: undefined, DB_IAM_USER: "Trade-API", DB_HOST: "h", AWS_REGION: "us-east-1" }),
      /DB_IAM_USER must be a PostgreSQL role name such as trade_api \(got "Trade-API"\)/,
    );
  });

  it("should require AUDIT_TOPIC_ARN to be an SNS topic ARN", async () => {
    assert.match(
      problemsOf({ ...ok, AUDIT_TOPIC_ARN: "audit" }),
      /AUDIT_TOPIC_ARN must be an SNS topic ARN \(got "audit"\)/,
    );
  });

  it("should name invalid ALLOWED_PAIRS entries", async () => {
    assert.match(problemsOf({ ...ok, ALLOWED_PAIRS: "EUR/USD,ABC" }), /ALLOWED_PAIRS has invalid pairs .*: ABC/);
  });

  it("should refuse allowed pairs that have no reference rate", async () => {
    assert.match(problemsOf({ ...ok, ALLOWED_PAIRS: "EUR/SEK" }), /no reference rate: EUR\/SEK/);
  });

  it("should refuse a non-integer or out-of-range number setting", async () => {
    assert.match(problemsOf({ ...ok, DB_POOL_MAX: "0" }), /DB_POOL_MAX must be an integer from 1 to 50 \(got "0"\)/);
  });

  it("should report every problem in one error", async () => {
    const message = problemsOf({});
    assert.equal(message.split("\n- ").length - 1, 2);
  });
});

describe("loadDatabaseConfig", () => {
  it("should need nothing but the database settings", async () => {
    assert.equal(loadDatabaseConfig({ DATABASE_URL: ok.DATABASE_URL }).database.kind, "url");
  });

  it("should take the master secret when DB_SECRET_ARN is set", async () => {
    const config = loadDatabaseConfig({
      DB_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:1:secret:db",
      DB_HOST: "h",
      DB_PORT: "6432",
    });
    assert.deepEqual(config.database, {
      kind: "secret",
      secretId: "arn:aws:secretsmanager:us-east-1:1:secret:db",
      host: "h",
      port: 6432,
      database: undefined,
    });
  });

  it("should ask for DB_SECRET_ARN or DATABASE_URL when neither is set", async () => {
    assert.throws(
      () => loadDatabaseConfig({ DB_IAM_USER: "trade_api", DB_HOST: "h" }),
      /set DB_SECRET_ARN .* or DATABASE_URL/,
    );
  });

  it("should name DB_PORT when it is not a port", async () => {
    assert.throws(
      () => loadDatabaseConfig({ DB_SECRET_ARN: "s", DB_PORT: "x" }),
      /DB_PORT must be an integer from 1 to 65535/,
    );
  });
});
