import { strict as assert } from "node:assert";
import { handler, lambdaConnectors, MonitorConfigError, parseEnv } from "./handler";
import { iamAuthToken } from "./iam-token";
import { connectionConfig } from "./connection";
import { fetchCredentials } from "./secrets";

const ENV = {
  AWS_SESSION_TOKEN: "token",
  AWS_REGION: "us-east-1",
  PRIMARY_IAM_USER: "dr_monitor",
  PRIMARY_HOST: "aurora.cluster-x.us-east-1.rds.amazonaws.com",
  PRIMARY_DATABASE: "fx",
  STANDBY_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:111122223333:secret:dr-monitor-standby",
  STANDBY_HOST: "fxprod-dr-pg.postgres.database.azure.com",
  STANDBY_DATABASE: "fx",
};

describe("dr-monitor handler", () => {
  it("should default the subscription to fx_dr_sub when DR_SUBSCRIPTION is unset", async () => {
    assert.equal(parseEnv(ENV).DR_SUBSCRIPTION, "fx_dr_sub");
  });

  it("should name every missing variable when the environment is incomplete", async () => {
    assert.throws(
      () => parseEnv({ AWS_SESSION_TOKEN: "t" }),
      (err: unknown) =>
        err instanceof MonitorConfigError &&
        [
          "AWS_REGION",
          "PRIMARY_IAM_USER",
          "PRIMARY_HOST",
          "PRIMARY_DATABASE",
          "STANDBY_SECRET_ARN",
          "STANDBY_HOST",
          "STANDBY_DATABASE",
        ].every((v) => err.message.includes(v)),
    );
  });

  it("should refuse a secret that is not an ARN", async () => {
    assert.throws(
      () => parseEnv({ ...ENV, STANDBY_SECRET_ARN: "dr-monitor" }),
      /STANDBY_SECRET_ARN must be the standby monitoring credentials secret ARN/,
    );
  });

  it("should refuse a subscription name that is not an identifier", async () => {
    assert.throws(
      () => parseEnv({ ...ENV, DR_SUBSCRIPTION: "x; drop" }),
      /DR_SUBSCRIPTION must be a PostgreSQL identifier/,
    );
  });

  it("should refuse an event that is not a scheduled event", async () => {
    await assert.rejects(handler({ hello: "world" }), /expected an EventBridge "Scheduled Event"/);
  });

  it("should refuse a primary login that is not a PostgreSQL identifier", async () => {
    assert.throws(
      () => parseEnv({ ...ENV, PRIMARY_IAM_USER: "dr monitor" }),
      /PRIMARY_IAM_USER must be a PostgreSQL login/,
    );
  });
});

describe("lambdaConnectors", () => {
  // Nothing listens on port 1: the connect fails after the credentials were produced.
  const env = parseEnv({
    ...ENV,
    PRIMARY_HOST: "127.0.0.1",
    PRIMARY_PORT: "1",
    STANDBY_HOST: "127.0.0.1",
    STANDBY_PORT: "1",
  });

  it("should sign an IAM token for the primary endpoint as PRIMARY_IAM_USER", async () => {
    const signed: unknown[] = [];
    const connectors = lambdaConnectors(
      env,
      async () => ({ username: "x", password: "y" }),
      async (endpoint, user) => {
        signed.push([endpoint.host, endpoint.port, user]);
        return "token";
      },
    );
    await assert.rejects(connectors.primary(), /ECONNREFUSED/);
    assert.deepEqual(signed, [["127.0.0.1", 1, "dr_monitor"]]);
  });

  it("should read no secret for the primary", async () => {
    const read: string[] = [];
    const connectors = lambdaConnectors(
      env,
      async (arn) => {
        read.push(arn);
        return { username: "x", password: "y" };
      },
      async () => "token",
    );
    await assert.rejects(connectors.primary(), /ECONNREFUSED/);
    assert.deepEqual(read, []);
  });

  it("should read the standby's credentials from STANDBY_SECRET_ARN and sign nothing for it", async () => {
    const calls: string[] = [];
    const connectors = lambdaConnectors(
      env,
      async (arn) => {
        calls.push(`secret ${arn}`);
        return { username: "x", password: "y" };
      },
      async () => {
        calls.push("sign");
        return "token";
      },
    );
    await assert.rejects(connectors.standby(), /ECONNREFUSED/);
    assert.deepEqual(calls, [`secret ${ENV.STANDBY_SECRET_ARN}`]);
  });
});

describe("iamAuthToken", () => {
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
  const token = () =>
    iamAuthToken({
      hostname: "aurora.cluster-x.us-east-1.rds.amazonaws.com",
      port: 5432,
      username: "dr_monitor",
      region: "us-east-1",
      credentials,
    });

  it("should present a connect request for the login at the endpoint", async () => {
    assert.match(
      await token(),
      /^aurora\.cluster-x\.us-east-1\.rds\.amazonaws\.com:5432\/\?Action=connect&DBUser=dr_monitor&/,
    );
  });

  it("should sign for the rds-db service in the function's region", async () => {
    assert.match(await token(), /X-Amz-Credential=AKIDEXAMPLE%2F\d{8}%2Fus-east-1%2Frds-db%2Faws4_request/);
  });

  it("should be valid for 15 minutes", async () => {
    assert.match(await token(), /X-Amz-Expires=900(&|$)/);
  });
});

describe("connectionConfig", () => {
  const endpoint = { host: "fxprod-dr-pg.postgres.database.azure.com", port: 5432, database: "fx" };
  const creds = { user: "dr_monitor", password: "p" };

  it("should verify the server certificate", async () => {
    assert.equal((connectionConfig(endpoint, creds).ssl as { rejectUnauthorized: boolean }).rejectUnauthorized, true);
  });

  it("should connect to hostaddr but verify TLS against host when a private address is given", async () => {
    const config = connectionConfig({ ...endpoint, hostaddr: "10.1.1.4" }, creds);
    assert.deepEqual([config.host, (config.ssl as { servername: string }).servername], ["10.1.1.4", endpoint.host]);
  });

  it("should reject a certificate issued for another name", async () => {
    const check = (
      connectionConfig(endpoint, creds).ssl as { checkServerIdentity: (h: string, c: unknown) => Error | undefined }
    ).checkServerIdentity;
    const cert = { subject: { CN: "evil.example.com" }, subjectaltname: "DNS:evil.example.com" };
    assert.ok(check("10.1.1.4", cert) instanceof Error);
  });

  it("should open read-only sessions", async () => {
    assert.equal(connectionConfig(endpoint, creds).options, "-c default_transaction_read_only=on");
  });
});

describe("fetchCredentials", () => {
  const answer = (status: number, body: unknown): typeof fetch =>
    (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;

  it("should return username and password from the secret's JSON", async () => {
    const creds = await fetchCredentials("s", {
      sessionToken: "t",
      fetch: answer(200, { SecretString: JSON.stringify({ username: "dr_monitor", password: "p", host: "h" }) }),
    });
    assert.deepEqual(creds, { username: "dr_monitor", password: "p" });
  });

  it("should name the layer and the permission when the extension refuses", async () => {
    await assert.rejects(
      fetchCredentials("s", { sessionToken: "t", fetch: answer(403, {}) }),
      /answered 403 for s; is the layer attached and the role allowed secretsmanager:GetSecretValue\?/,
    );
  });

  it("should refuse a secret that is not JSON with username and password", async () => {
    await assert.rejects(
      fetchCredentials("s", { sessionToken: "t", fetch: answer(200, { SecretString: "plain" }) }),
      /secret s must be JSON with username and password/,
    );
  });

  it("should send the session token to the extension", async () => {
    let token: string | null = null;
    const capture = (async (_url: string, init?: RequestInit) => {
      token = new Headers(init?.headers).get("X-Aws-Parameters-Secrets-Token");
      return new Response(JSON.stringify({ SecretString: JSON.stringify({ username: "u", password: "p" }) }));
    }) as typeof fetch;
    await fetchCredentials("s", { sessionToken: "tok", fetch: capture });
    assert.equal(token, "tok");
  });
});
