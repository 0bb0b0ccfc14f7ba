import assert from "node:assert/strict";
import { CreateTableCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { startDynalite, type RunningDynalite } from "./dynalite";

describe("startDynalite", () => {
  let dynamo: RunningDynalite;
  before(async () => {
    dynamo = await startDynalite();
  });
  after(async () => {
    await dynamo.stop();
  });

  it("should serve a table that is usable right after creation", async () => {
    const client = dynamo.client();
    await client.send(
      new CreateTableCommand({
        TableName: "probe",
        AttributeDefinitions: [{ AttributeName: "k", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "k", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    const tables = await client.send(new ListTablesCommand({}));
    assert.deepEqual(tables.TableNames, ["probe"]);
    client.destroy();
  });

  it("should listen on loopback only", async () => {
    assert.match(dynamo.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
