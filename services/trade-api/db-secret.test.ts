import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { fetchDbSecret, readDbSecret } from "./db-secret";

describe("fetchDbSecret", () => {
  let server: Server;
  let port: number;
  let last: IncomingMessage | undefined;
  let reply: { status: number; body: unknown } = { status: 200, body: {} };
  before(async () => {
    server = createServer((req, res) => {
      last = req;
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(JSON.stringify(reply.body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("should ask the extension for the secret with the session token", async () => {
    reply = {
      status: 200,
      body: { SecretString: JSON.stringify({ username: "u", password: "p", host: "db", port: 5432 }) },
    };
    const secret = await fetchDbSecret("arn:aws:secretsmanager:us-east-1:1:secret:db/x", { port, sessionToken: "tok" });
    assert.deepEqual(secret, { username: "u", password: "p", host: "db", port: 5432 });
    assert.equal(last?.headers["x-aws-parameters-secrets-token"], "tok");
    assert.equal(
      new URL(last?.url ?? "", "http://x").searchParams.get("secretId"),
      "arn:aws:secretsmanager:us-east-1:1:secret:db/x",
    );
  });

  it("should accept a port given as a string", async () => {
    reply = { status: 200, body: { SecretString: JSON.stringify({ username: "u", password: "p", port: "6432" }) } };
    assert.equal((await fetchDbSecret("s", { port, sessionToken: "t" })).port, 6432);
  });

  it("should say what is wrong when the extension refuses", async () => {
    reply = { status: 400, body: {} };
    await assert.rejects(fetchDbSecret("s", { port, sessionToken: "t" }), /answered 400 .* layer attached/);
  });

  it("should name the missing fields of a malformed secret", async () => {
    reply = { status: 200, body: { SecretString: JSON.stringify({ username: "u" }) } };
    await assert.rejects(fetchDbSecret("s", { port, sessionToken: "t" }), /username and password \(fields: password\)/);
  });
});

describe("readDbSecret", () => {
  // A client pinned to loopback with test credentials; the mock answers before any request leaves.
  const client = new SecretsManagerClient({
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    endpoint: "http://127.0.0.1:9",
  });
  let mock: ReturnType<typeof mockClient>;
  before(() => {
    mock = mockClient(client);
  });
  afterEach(() => mock.reset());
  after(() => mock.restore());

  it("should read the secret it is given by id", async () => {
    mock.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ username: "postgres", password: "p" }) });
    await readDbSecret(client, "arn:aws:secretsmanager:us-east-1:1:secret:rds!cluster-x");
    assert.equal(
      mock.commandCalls(GetSecretValueCommand)[0]?.args[0].input.SecretId,
      "arn:aws:secretsmanager:us-east-1:1:secret:rds!cluster-x",
    );
  });

  it("should return the RDS-managed secret's username and password", async () => {
    mock.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ username: "postgres", password: "p" }) });
    assert.deepEqual(await readDbSecret(client, "s"), { username: "postgres", password: "p" });
  });

  it("should say the secret is not JSON when it is not", async () => {
    mock.on(GetSecretValueCommand).resolves({ SecretString: "postgres:p" });
    await assert.rejects(readDbSecret(client, "s"), /secret s is not JSON/);
  });

  it("should say the secret has no SecretString when it is binary", async () => {
    mock.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1]) });
    await assert.rejects(readDbSecret(client, "s"), /secret s has no SecretString/);
  });
});
