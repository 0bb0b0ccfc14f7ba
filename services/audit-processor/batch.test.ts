import assert from "node:assert/strict";
import { createServer } from "node:net";
import { DynamoDBClient, GetItemCommand, QueryCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import type { SQSRecord } from "aws-lambda";
import { DYNAMODB_THROTTLED, startFaultProxy } from "../processing/testing/fault-proxy";
import { RecordingTelemetry } from "../processing/testing/recording-telemetry";
import { startDynalite, type RunningDynalite } from "../shared/testing/dynalite";
import { createAuditHandler } from "./batch";
import { DynamoDbAuditStore } from "./dynamodb-store";
import { AUDIT_OUTCOME_LOG_MESSAGE } from "../../platform-rules/audit-stream";
import { AUDIT_METRICS } from "./process-message";
import { auditEvent, createAuditTable, snsEnvelope, sqsRecord } from "./testing/fixtures";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

function clientAt(endpoint: string): DynamoDBClient {
  // One attempt: a failure must surface in the batch response, not be retried away by the SDK.
  return new DynamoDBClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("createAuditHandler (on dynalite)", () => {
  let dynalite: RunningDynalite;
  let client: DynamoDBClient;
  let tableCount = 0;
  let table: string;
  let telemetry: RecordingTelemetry;

  before(async () => {
    dynalite = await startDynalite();
    client = clientAt(dynalite.endpoint);
  });
  after(async () => {
    client.destroy();
    await dynalite.stop();
  });
  beforeEach(async () => {
    table = `audit-${++tableCount}`;
    await createAuditTable(client, table);
    telemetry = new RecordingTelemetry();
  });

  const handlerWith = (c: DynamoDBClient = client) =>
    createAuditHandler({ store: new DynamoDbAuditStore(c, table), telemetry });
  const run = (records: SQSRecord[], c?: DynamoDBClient) => handlerWith(c)({ Records: records });
  const failedIds = (response: { batchItemFailures: { itemIdentifier: string }[] }) =>
    response.batchItemFailures.map((f) => f.itemIdentifier).sort();
  const rowCount = async () => (await client.send(new ScanCommand({ TableName: table, Select: "COUNT" }))).Count;

  it("should log one audit-outcome line for each stored denied or failed event", async () => {
    await run([
      sqsRecord(JSON.stringify(auditEvent({ outcome: "DENIED" })), "m-denied"),
      sqsRecord(JSON.stringify(auditEvent()), "m-ok"),
    ]);
    const lines = telemetry.at("info").filter((l) => l.message === AUDIT_OUTCOME_LOG_MESSAGE);
    assert.deepEqual(
      lines.map((l) => l.fields["auditOutcome"]),
      ["DENIED"],
    );
  });

  it("should write all 100 events of a good batch and report no failures", async () => {
    const response = await run(Array.from({ length: 100 }, () => sqsRecord(JSON.stringify(auditEvent()))));
    assert.deepEqual(response.batchItemFailures, []);
    assert.equal(await rowCount(), 100);
  });

  it("should store the event under its id and canonical timestamp with data as JSON text", async () => {
    const event = auditEvent({ timestamp: "2025-03-01T09:30:00Z" });
    await run([sqsRecord(JSON.stringify(event), "m-store")]);
    const key = { event_id: { S: String(event["event_id"]) } };
    const item = (await client.send(new GetItemCommand({ TableName: table, Key: key }))).Item;
    assert.equal(item?.["timestamp"]?.S, "2025-03-01T09:30:00.000Z");
    assert.deepEqual(
      { outcome: item?.["outcome"]?.S, data: item?.["data"]?.S, message: item?.["sqs_message_id"]?.S },
      { outcome: "SUCCESS", data: '{"notional":"1000000.00","pair":"EUR/USD"}', message: "m-store" },
    );
  });

  it("should not duplicate an event redelivered in a later batch", async () => {
    const body = JSON.stringify(auditEvent());
    await run([sqsRecord(body)]);
    const response = await run([sqsRecord(body)]);
    assert.deepEqual({ failures: response.batchItemFailures, rows: await rowCount() }, { failures: [], rows: 1 });
  });

  it("should count a redelivery as a skipped duplicate", async () => {
    const body = JSON.stringify(auditEvent());
    await run([sqsRecord(body), sqsRecord(body), sqsRecord(body)]);
    assert.deepEqual([telemetry.total(AUDIT_METRICS.written), telemetry.total(AUDIT_METRICS.duplicate)], [1, 2]);
  });

  it("should not duplicate an event delivered once raw and once in an SNS envelope", async () => {
    const event = auditEvent();
    const response = await run([sqsRecord(JSON.stringify(event)), sqsRecord(snsEnvelope(event))]);
    assert.deepEqual({ failures: response.batchItemFailures, rows: await rowCount() }, { failures: [], rows: 1 });
  });

  it("should write SNS-enveloped events", async () => {
    const response = await run([sqsRecord(snsEnvelope(auditEvent())), sqsRecord(snsEnvelope(auditEvent()))]);
    assert.deepEqual({ failures: response.batchItemFailures, rows: await rowCount() }, { failures: [], rows: 2 });
  });

  it("should fail only the poison message and write the good ones around it", async () => {
    const poison = sqsRecord(JSON.stringify(auditEvent({ outcome: "MAYBE" })), "poison");
    const good = Array.from({ length: 5 }, () => sqsRecord(JSON.stringify(auditEvent())));
    const response = await run([...good.slice(0, 2), poison, ...good.slice(2)]);
    assert.deepEqual({ failed: failedIds(response), rows: await rowCount() }, { failed: ["poison"], rows: 5 });
  });

  it("should fail a malformed JSON body alone and log why", async () => {
    const response = await run([sqsRecord("{not json", "broken"), sqsRecord(JSON.stringify(auditEvent()))]);
    assert.deepEqual(failedIds(response), ["broken"]);
    assert.equal(telemetry.at("error")[0]?.fields["errorCode"], "malformed-json");
  });

  it("should keep the original and fail a redelivery whose content differs", async () => {
    const event = auditEvent();
    await run([sqsRecord(JSON.stringify(event))]);
    const response = await run([sqsRecord(JSON.stringify({ ...event, outcome: "DENIED" }), "tampered")]);
    const key = { event_id: { S: String(event["event_id"]) } };
    const stored = (await client.send(new GetItemCommand({ TableName: table, Key: key }))).Item;
    assert.deepEqual(
      { failed: failedIds(response), outcome: stored?.["outcome"]?.S },
      { failed: ["tampered"], outcome: "SUCCESS" },
    );
  });

  it("should log a conflicting redelivery at error level with its event id", async () => {
    const event = auditEvent();
    await run([
      sqsRecord(JSON.stringify(event)),
      sqsRecord(JSON.stringify({ ...event, actor: "someone-else" }), "conflict"),
    ]);
    const line = telemetry.at("error")[0];
    assert.deepEqual(
      { messageId: line?.fields["messageId"], eventId: line?.fields["eventId"], code: line?.fields["errorCode"] },
      { messageId: "conflict", eventId: event["event_id"], code: "conflicting-duplicate" },
    );
  });

  it("should fail only the throttled items and write the others", async () => {
    const events = Array.from({ length: 6 }, () => auditEvent());
    const throttledIds = new Set([String(events[1]?.["event_id"]), String(events[4]?.["event_id"])]);
    const proxy = await startFaultProxy(dynalite.port, ({ body, headers }) =>
      String(headers["x-amz-target"]).endsWith(".PutItem") && [...throttledIds].some((id) => body.includes(id))
        ? DYNAMODB_THROTTLED
        : undefined,
    );
    const proxied = clientAt(proxy.endpoint);
    try {
      const response = await run(
        events.map((e) => sqsRecord(JSON.stringify(e), `m-${String(e["event_id"])}`)),
        proxied,
      );
      assert.deepEqual(
        { failed: failedIds(response), rows: await rowCount() },
        { failed: [...throttledIds].map((id) => `m-${id}`).sort(), rows: 4 },
      );
    } finally {
      proxied.destroy();
      await proxy.stop();
    }
  });

  it("should log throttled items as retryable warnings", async () => {
    const proxy = await startFaultProxy(dynalite.port, ({ headers }) =>
      String(headers["x-amz-target"]).endsWith(".PutItem") ? DYNAMODB_THROTTLED : undefined,
    );
    const proxied = clientAt(proxy.endpoint);
    try {
      await run([sqsRecord(JSON.stringify(auditEvent()))], proxied);
      assert.deepEqual(
        telemetry.at("warn").map((l) => [l.fields["errorCode"], l.fields["failureKind"]]),
        [["dynamodb-unavailable", "transient"]],
      );
    } finally {
      proxied.destroy();
      await proxy.stop();
    }
  });

  it("should fail every item, without throwing, when DynamoDB is unreachable", async () => {
    const unreachable = clientAt(`http://127.0.0.1:${await closedPort()}`);
    try {
      const records = [sqsRecord(JSON.stringify(auditEvent()), "a"), sqsRecord(JSON.stringify(auditEvent()), "b")];
      assert.deepEqual(failedIds(await run(records, unreachable)), ["a", "b"]);
    } finally {
      unreachable.destroy();
    }
  });

  it("should fail every item as a configuration problem when the table is missing", async () => {
    table = "no-such-table";
    await run([sqsRecord(JSON.stringify(auditEvent()))]);
    assert.deepEqual(
      telemetry.at("error").map((l) => [l.fields["errorCode"], l.fields["failureKind"]]),
      [["dynamodb-rejected", "config"]],
    );
  });

  it("should store one row when two concurrent invocations carry the same event_id with different timestamps", async () => {
    for (let round = 0; round < 10; round += 1) {
      const first = auditEvent();
      const second = { ...first, timestamp: "2025-03-01T09:30:00.124Z" };
      const [a, b] = await Promise.all([
        run([sqsRecord(JSON.stringify(first))]),
        run([sqsRecord(JSON.stringify(second))]),
      ]);
      const failures = a.batchItemFailures.length + b.batchItemFailures.length;
      assert.equal(failures, 1, `round ${round}: exactly one copy must be refused as a conflict`);
      const rows = await client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: "event_id = :id",
          ExpressionAttributeValues: { ":id": { S: String(first.event_id) } },
        }),
      );
      assert.equal(rows.Count, 1, `round ${round}: ${rows.Count} rows for one event_id`);
    }
  });
});
