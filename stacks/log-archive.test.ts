/** Issue #16 item 3: every log group of both plans archived through the KMS-encrypted Firehose stream. */
import assert from "node:assert/strict";
import { isFirehoseArn } from "../platform-rules/log-archive";
import { ConfigError, parseStackConfig } from "./config";
import { json, runStack } from "./offline/harness";
import { readStackConfig } from "./offline/stack-file";

const configProblems = (stack: "dev" | "prod", logArchive: Record<string, unknown>): readonly string[] => {
  try {
    parseStackConfig("platform", stack, { ...readStackConfig(stack), "platform:logArchive": logArchive });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const FILTER = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter";
const STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";

describe("log archive in the stacks", () => {
  for (const stack of ["dev", "prod"] as const) {
    it(`should subscribe every log group to the archive stream when planning ${stack}`, async () => {
      const plan = await runStack(stack);
      // One stream in the plan: every filter with a Firehose destination points at it.
      assert.equal(plan.ofType(STREAM).length, 1);
      const archived = new Set(
        plan
          .ofType(FILTER)
          .filter((f) => isFirehoseArn(f.inputs.destinationArn))
          .map((f) => f.parent),
      );
      const groups = plan.ofType(LOG_GROUP);
      assert.deepEqual([groups.length > 5, groups.filter((g) => !archived.has(g.urn)).map((g) => g.name)], [true, []]);
    });
  }

  it("should name the log group in its subscription filter", async () => {
    const plan = await runStack("prod");
    const filter = plan.named("database-postgresql-logs-archive");
    assert.equal(filter.inputs.logGroup, plan.named("database-postgresql-logs", LOG_GROUP).inputs.name);
  });

  it("should encrypt prod's archive stream with the logs key", async () => {
    const plan = await runStack("prod");
    const sse = plan.one(STREAM).inputs.serverSideEncryption as { enabled: boolean; keyType: string; keyArn: string };
    assert.deepEqual(
      [sse.enabled, sse.keyType, sse.keyArn],
      [true, "CUSTOMER_MANAGED_CMK", plan.named("trade-api-logs", LOG_GROUP).inputs.kmsKeyId],
    );
  });

  it("should lock prod's archive in COMPLIANCE mode for seven years", async () => {
    const rule = (await runStack("prod")).named("log-archive-bucket-object-lock").inputs.rule as {
      defaultRetention: { mode: string; days: number };
    };
    assert.deepEqual(rule.defaultRetention, { mode: "COMPLIANCE", days: 2557 });
  });

  it("should lock dev's archive in GOVERNANCE mode so the stack can be destroyed", async () => {
    const rule = (await runStack("dev")).named("log-archive-bucket-object-lock").inputs.rule as {
      defaultRetention: { mode: string };
    };
    assert.equal(rule.defaultRetention.mode, "GOVERNANCE");
  });

  it("should let only this region's CloudWatch Logs, for this account's log groups, assume the delivery role", async () => {
    const trust = json<{ Statement: { Principal: { Service: string }; Condition: unknown }[] }>(
      (await runStack("prod")).named("log-archive-logs").inputs.assumeRolePolicy,
    );
    assert.deepEqual(
      [trust.Statement[0]!.Principal.Service, trust.Statement[0]!.Condition],
      ["logs.us-east-1.amazonaws.com", { StringLike: { "aws:SourceArn": "arn:aws:logs:us-east-1:123456789012:*" } }],
    );
  });
});

describe("platform:logArchive", () => {
  it("should refuse fewer than seven years in prod", async () => {
    assert.ok(
      configProblems("prod", { retentionYears: 5 }).some((p) =>
        p.startsWith("platform:logArchive.retentionYears: must be at least 7 in prod"),
      ),
    );
  });

  it("should refuse GOVERNANCE mode in prod", async () => {
    assert.ok(
      configProblems("prod", { lockMode: "GOVERNANCE" }).some((p) =>
        p.startsWith("platform:logArchive.lockMode: must be COMPLIANCE in prod"),
      ),
    );
  });

  it("should refuse COMPLIANCE mode on a disposable stack", async () => {
    assert.ok(
      configProblems("dev", { lockMode: "COMPLIANCE", retentionYears: 1 }).some((p) =>
        p.startsWith("platform:logArchive.lockMode: COMPLIANCE cannot go with platform:protection disposable"),
      ),
    );
  });

  it("should refuse a retention under a year (PCI DSS 10.5.1)", async () => {
    assert.ok(
      configProblems("dev", { retentionYears: 0, lockMode: "GOVERNANCE" }).some((p) =>
        p.startsWith("platform:logArchive.retentionYears: must be at least 1"),
      ),
    );
  });

  it("should refuse a Firehose buffer over 128 MiB", async () => {
    assert.ok(
      configProblems("dev", { lockMode: "GOVERNANCE", retentionYears: 1, bufferingSizeMiB: 256 }).some((p) =>
        p.startsWith("platform:logArchive.bufferingSizeMiB"),
      ),
    );
  });
});
