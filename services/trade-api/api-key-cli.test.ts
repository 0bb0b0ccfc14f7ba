import assert from "node:assert/strict";
import { GetCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { startDynalite, type RunningDynalite } from "../shared/testing/dynalite";
import { ensureApiKeysTable } from "./api-keys-admin";
import { main } from "./api-key-cli";
import { apiKeyWeakness } from "./api-key-strength";
import { authenticate, DynamoApiKeyStore, hashApiKey } from "./auth";

function io(dynamo?: RunningDynalite) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), dynamo: () => dynamo!.client() },
  };
}

describe("api-key CLI", () => {
  let dynamo: RunningDynalite;
  before(async () => {
    dynamo = await startDynalite();
    const client = dynamo.client();
    await ensureApiKeysTable(client, "keys");
    client.destroy();
  });
  after(async () => {
    await dynamo.stop();
  });

  it("should print exactly one strong key on stdout when issuing", async () => {
    const run = io(dynamo);
    assert.equal(await main(["issue", "--client", "bank-a", "--table", "keys"], run.io), 0);
    assert.deepEqual([run.out.length, apiKeyWeakness(run.out[0] ?? "")], [1, undefined]);
  });

  it("should store the issued key's hash so the authorizer accepts it", async () => {
    const run = io(dynamo);
    await main(["issue", "--client", "bank-b", "--table", "keys", "--usage-key", "usage-bank-b-0123456789"], run.io);
    const client = dynamo.client();
    const found = await authenticate(new DynamoApiKeyStore(client, "keys"), run.out[0]);
    client.destroy();
    assert.deepEqual(found, { clientId: "bank-b", usageIdentifierKey: "usage-bank-b-0123456789" });
  });

  it("should never store the key itself", async () => {
    const run = io(dynamo);
    await main(["issue", "--client", "bank-c", "--table", "keys"], run.io);
    const key = run.out[0] ?? "";
    const client = dynamo.client();
    const { Item } = await DynamoDBDocumentClient.from(client).send(
      new GetCommand({ TableName: "keys", Key: { key_hash: hashApiKey(key) } }),
    );
    client.destroy();
    assert.equal(JSON.stringify(Item).includes(key.slice(4)), false);
  });

  it("should make a usage-plan key that differs from the client key and print how to register it", async () => {
    const run = io(dynamo);
    await main(["issue", "--client", "bank-d", "--table", "keys"], run.io);
    const usage = /--value (fxu_\S+)/.exec(run.err.join("\n"))?.[1];
    assert.ok(usage !== undefined && usage !== run.out[0]);
  });

  it("should exit 2 naming every bad flag of issue", async () => {
    const run = io(dynamo);
    assert.equal(await main(["issue", "--client", "a b", "--usage-key", "short"], run.io), 2);
    assert.match(run.err.join("\n"), /--client must be[\s\S]*--table must name[\s\S]*--usage-key must be 20 to 128/);
  });

  it("should exit 1 with the table's error when the table does not exist", async () => {
    const run = io(dynamo);
    assert.equal(await main(["issue", "--client", "bank-e", "--table", "missing-table"], run.io), 1);
    assert.match(run.err.join("\n"), /could not store the key's hash in missing-table/);
  });

  it("should print nothing on stdout when the key could not be stored", async () => {
    const run = io(dynamo);
    await main(["issue", "--client", "bank-f", "--table", "missing-table"], run.io);
    assert.deepEqual(run.out, []);
  });

  it("should generate a local key with the fxlocal prefix", async () => {
    const run = io();
    assert.equal(await main(["generate"], run.io), 0);
    assert.match(run.out[0] ?? "", /^fxlocal_[A-Za-z0-9_-]{43}$/);
  });

  it("should exit 2 for an unknown command without echoing it", async () => {
    const run = io();
    assert.equal(await main(["password=S3cretPW"], run.io), 2);
    assert.equal(run.err.join("\n").includes("S3cretPW"), false);
  });

  it("should exit 2 for an unknown flag", async () => {
    const run = io();
    assert.equal(await main(["generate", "--lenght", "8"], run.io), 2);
  });
});
