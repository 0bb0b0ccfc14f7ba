import assert from "node:assert/strict";
import { runStack } from "./offline/harness";

const prod = () => runStack("prod");
const tagOf = (r: { inputs: Record<string, unknown> }) =>
  (r.inputs.tags as Record<string, string> | undefined)?.["BackupPlan"];

describe("backup stack", () => {
  it("should lock prod's vault in compliance mode", async () => {
    assert.equal((await prod()).named("backup-vault-lock").inputs.changeableForDays, 3);
  });

  it("should keep prod's monthly recovery points seven years", async () => {
    const rules = (await prod()).named("backup-plan").inputs.rules as {
      ruleName: string;
      lifecycle: { deleteAfter: number };
    }[];
    assert.equal(rules.find((r) => r.ruleName === "monthly")!.lifecycle.deleteAfter, 2557);
  });

  it("should tag the Aurora cluster for the backup selection", async () => {
    assert.equal(tagOf((await prod()).named("database-cluster")), "platform-prod");
  });

  it("should tag every DynamoDB table for the backup selection", async () => {
    const tables = (await prod()).ofType("aws:dynamodb/table:Table");
    assert.ok(tables.length > 0 && tables.every((t) => tagOf(t) === "platform-prod"));
  });

  it("should tag the data buckets for the backup selection", async () => {
    const p = await prod();
    assert.deepEqual(
      ["ingestion-bucket", "analytics-bucket", "archival-bucket"].map((n) => tagOf(p.named(n))),
      ["platform-prod", "platform-prod", "platform-prod"],
    );
  });
});

describe("anomaly detection in the stacks", () => {
  it("should watch prod's bookings for a drop", async () => {
    assert.equal((await prod()).named("anomaly-orders-booked").inputs.comparisonOperator, "LessThanLowerThreshold");
  });

  it("should leave dev without anomaly alarms, for its idle cost", async () => {
    const dev = await runStack("dev");
    assert.ok(!dev.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").some((a) => a.name.startsWith("anomaly-")));
  });
});
