import assert from "node:assert/strict";
import { runProgram } from "../testing/harness";
import { ArgsError } from "../common";
import { Tables, tablesArgsProblems, type TablesArgs, type TableSpec } from "./tables";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/k";
const audit: TableSpec = {
  key: "audit-events",
  partitionKey: { name: "event_id", type: "S" },
  sortKey: { name: "timestamp", type: "S" },
  stream: "NEW_AND_OLD_IMAGES",
};
const sessions: TableSpec = {
  key: "sessions",
  partitionKey: { name: "session_id", type: "S" },
  ttlAttribute: "expires_at",
};
const args: TablesArgs = { tables: [audit, sessions], kmsKeyArn: KEY };
const run = (a: TablesArgs = args) => runProgram(() => new Tables("t", a));

describe("Tables", () => {
  it("should bill on demand when a table is created", async () => {
    assert.equal((await run()).named("t-sessions").inputs.billingMode, "PAY_PER_REQUEST");
  });

  it("should encrypt with the given CMK when a table is created", async () => {
    assert.deepEqual((await run()).named("t-sessions").inputs.serverSideEncryption, { enabled: true, kmsKeyArn: KEY });
  });

  it("should turn point-in-time recovery on when a table is created", async () => {
    assert.deepEqual((await run()).named("t-sessions").inputs.pointInTimeRecovery, { enabled: true });
  });

  it("should declare exactly the key attributes when a table has a sort key", async () => {
    assert.deepEqual((await run()).named("t-audit-events").inputs.attributes, [
      { name: "event_id", type: "S" },
      { name: "timestamp", type: "S" },
    ]);
  });

  it("should set hash and range keys from the spec when a table has a sort key", async () => {
    const inputs = (await run()).named("t-audit-events").inputs;
    assert.deepEqual([inputs.hashKey, inputs.rangeKey], ["event_id", "timestamp"]);
  });

  it("should enable TTL on the named attribute when ttlAttribute is given", async () => {
    assert.deepEqual((await run()).named("t-sessions").inputs.ttl, { enabled: true, attributeName: "expires_at" });
  });

  it("should enable the stream with the given view when stream is given", async () => {
    const inputs = (await run()).named("t-audit-events").inputs;
    assert.deepEqual([inputs.streamEnabled, inputs.streamViewType], [true, "NEW_AND_OLD_IMAGES"]);
  });

  it("should expose the stream ARN only for tables with a stream", async () => {
    let component: Tables | undefined;
    await runProgram(() => (component = new Tables("t", args)));
    assert.deepEqual(
      [component!.tables["audit-events"].streamArn !== undefined, component!.tables.sessions.streamArn],
      [true, undefined],
    );
  });

  it("should enable deletion protection, protect and retain when protection is left at its default", async () => {
    const table = (await run()).named("t-sessions");
    assert.deepEqual(
      [table.inputs.deletionProtectionEnabled, table.protect, table.options.retainOnDelete],
      [true, true, true],
    );
  });

  it("should leave tables deletable when protection is disposable", async () => {
    const table = (await run({ ...args, protection: "disposable" })).named("t-sessions");
    assert.deepEqual([table.inputs.deletionProtectionEnabled, table.protect], [false, false]);
  });

  it("should throw an ArgsError when args are invalid", async () => {
    assert.throws(() => new Tables("t", { ...args, tables: [] }), ArgsError);
  });
});

describe("tablesArgsProblems", () => {
  const problems = (tables: readonly TableSpec[]) => tablesArgsProblems({ tables, kmsKeyArn: KEY });

  it("should accept valid specs", async () => {
    assert.deepEqual(tablesArgsProblems(args), []);
  });

  it("should report tables when the list is empty", async () => {
    assert.deepEqual(problems([]), ["tables: list at least one table"]);
  });

  it("should report a duplicated table key with its index", async () => {
    assert.deepEqual(problems([sessions, sessions]), [
      "tables[1].key: sessions is used by another table; keys must be unique",
    ]);
  });

  it("should report a table key that is not lower-case kebab", async () => {
    assert.match(
      problems([{ ...sessions, key: "Sessions" }]).join(),
      /^tables\[0\]\.key: "Sessions" must be lower-case/,
    );
  });

  it("should report a missing partition key", async () => {
    assert.deepEqual(problems([{ ...sessions, partitionKey: undefined as never }]), [
      "tables[0].partitionKey: is required",
    ]);
  });

  it("should report an empty key attribute name", async () => {
    assert.deepEqual(problems([{ ...sessions, partitionKey: { name: "", type: "S" } }]), [
      "tables[0].partitionKey.name: must be 1 to 255 characters",
    ]);
  });

  it("should report an unknown key attribute type", async () => {
    assert.match(
      problems([{ ...audit, sortKey: { name: "ts", type: "DATE" as never } }]).join(),
      /^tables\[0\]\.sortKey\.type: expected S, N or B/,
    );
  });

  it("should report a sort key equal to the partition key", async () => {
    assert.deepEqual(problems([{ ...audit, sortKey: { name: "event_id", type: "S" } }]), [
      "tables[0].sortKey.name: must differ from the partition key (event_id)",
    ]);
  });

  it("should report a TTL attribute that is a key attribute", async () => {
    assert.match(
      problems([{ ...sessions, ttlAttribute: "session_id" }]).join(),
      /^tables\[0\]\.ttlAttribute: session_id is a key attribute/,
    );
  });

  it("should report an empty TTL attribute name", async () => {
    assert.deepEqual(problems([{ ...sessions, ttlAttribute: "" }]), [
      "tables[0].ttlAttribute: must be 1 to 255 characters",
    ]);
  });

  it("should report an unknown stream view", async () => {
    assert.match(
      problems([{ ...audit, stream: "ALL" as never }]).join(),
      /^tables\[0\]\.stream: expected one of NEW_AND_OLD_IMAGES/,
    );
  });

  it("should report protection when it is not retain or disposable", async () => {
    assert.match(tablesArgsProblems({ ...args, protection: "x" as never }).join(), /^protection: /);
  });
});
