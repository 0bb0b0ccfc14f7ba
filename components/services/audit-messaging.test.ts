import assert from "node:assert/strict";
import { json, runProgram } from "../testing/harness";
import { AuditMessaging, auditMessagingArgsProblems, type AuditMessagingArgs } from "./audit-messaging";
import { ACCOUNT, MESSAGING_KEY } from "./testing";

const args = (overrides: Partial<AuditMessagingArgs> = {}): AuditMessagingArgs => ({
  accountId: ACCOUNT,
  messagingKeyArn: MESSAGING_KEY,
  processor: { functionName: "audit-processor", roleName: "audit-processor-role", timeoutSeconds: 30 },
  protection: "disposable",
  ...overrides,
});
const plan = (overrides: Partial<AuditMessagingArgs> = {}) =>
  runProgram(() => new AuditMessaging("audit", args(overrides)));
type Policy = {
  Statement: {
    Sid?: string;
    Effect: string;
    Principal?: unknown;
    Condition?: Record<string, Record<string, unknown>>;
  }[];
};

describe("AuditMessaging", () => {
  it("should encrypt the topic with the messaging key", async () => {
    assert.equal((await plan()).named("audit-topic").inputs.kmsMasterKeyId, MESSAGING_KEY);
  });

  it("should encrypt both queues with the messaging key", async () => {
    const p = await plan();
    assert.deepEqual(
      [p.named("audit-queue").inputs.kmsMasterKeyId, p.named("audit-dlq").inputs.kmsMasterKeyId],
      [MESSAGING_KEY, MESSAGING_KEY],
    );
  });

  it("should redrive to the DLQ after 5 receives by default", async () => {
    const redrive = json<{ deadLetterTargetArn: string; maxReceiveCount: number }>(
      (await plan()).named("audit-queue").inputs.redrivePolicy,
    );
    assert.deepEqual(
      [redrive.deadLetterTargetArn.split(":").pop()?.startsWith("audit-dlq"), redrive.maxReceiveCount],
      [true, 5],
    );
  });

  it("should use the given maxReceiveCount", async () => {
    assert.equal(
      json<{ maxReceiveCount: number }>((await plan({ maxReceiveCount: 3 })).named("audit-queue").inputs.redrivePolicy)
        .maxReceiveCount,
      3,
    );
  });

  it("should set a 5-minute visibility timeout by default", async () => {
    assert.equal((await plan()).named("audit-queue").inputs.visibilityTimeoutSeconds, 300);
  });

  it("should allow publishing from the account root only", async () => {
    const policy = json<Policy>((await plan()).named("audit-topic-policy").inputs.policy);
    assert.deepEqual(policy.Statement[0].Principal, { AWS: `arn:aws:iam::${ACCOUNT}:root` });
  });

  it("should deny non-TLS requests to the topic", async () => {
    const policy = json<Policy>((await plan()).named("audit-topic-policy").inputs.policy);
    assert.ok(
      policy.Statement.some((s) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false"),
    );
  });

  it("should accept messages on the queue only from the topic", async () => {
    const policy = json<Policy>((await plan()).named("audit-queue-policy").inputs.policy);
    assert.match(
      String(policy.Statement[0].Condition?.ArnEquals?.["aws:SourceArn"]),
      /:sns:us-east-1:123456789012:audit-topic/,
    );
  });

  it("should subscribe the queue with raw message delivery by default", async () => {
    assert.equal((await plan()).named("audit-subscription").inputs.rawMessageDelivery, true);
  });

  it("should keep the SNS envelope when delivery is sns-envelope", async () => {
    assert.equal(
      (await plan({ delivery: "sns-envelope" })).named("audit-subscription").inputs.rawMessageDelivery,
      false,
    );
  });

  it("should report batch item failures from the processor", async () => {
    assert.deepEqual((await plan()).named("audit-processor").inputs.functionResponseTypes, ["ReportBatchItemFailures"]);
  });

  it("should map batches of 100 to the processor by default", async () => {
    assert.equal((await plan()).named("audit-processor").inputs.batchSize, 100);
  });

  it("should let only the main queue redrive into the DLQ", async () => {
    const allow = json<{ redrivePermission: string; sourceQueueArns: string[] }>(
      (await plan()).named("audit-dlq-redrive-allow").inputs.redriveAllowPolicy,
    );
    assert.deepEqual(allow.redrivePermission, "byQueue");
  });

  it("should attach the queue permissions to the processor's role as a managed policy", async () => {
    assert.equal((await plan()).named("audit-consumer-policy-attachment").inputs.role, "audit-processor-role");
  });

  it("should protect the topic and queues when protection is retain", async () => {
    const p = await plan({ protection: "retain" });
    assert.deepEqual(
      ["audit-topic", "audit-queue", "audit-dlq"].map((n) => p.named(n).protect),
      [true, true, true],
    );
  });
});

describe("AuditMessaging delivery status logging", () => {
  const logging = { region: "us-east-1", logsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs" };

  it("should log failed SQS deliveries through a role when deliveryStatusLogging is set", async () => {
    const p = await plan({ deliveryStatusLogging: logging });
    assert.ok(p.named("audit-topic").dependencies.includes(p.named("audit-delivery-logging-role").urn));
  });

  it("should pre-create the failure log group SNS writes to", async () => {
    const p = await plan({ deliveryStatusLogging: logging });
    assert.match(
      String(p.named("audit-delivery-logs-failure").inputs.name),
      /^sns\/us-east-1\/123456789012\/audit-topic-[0-9a-f]+\/Failure$/,
    );
  });

  it("should encrypt the delivery log groups with the given key", async () => {
    const p = await plan({ deliveryStatusLogging: logging });
    assert.deepEqual(
      ["audit-delivery-logs", "audit-delivery-logs-failure"].map((n) => p.named(n).inputs.kmsKeyId),
      [logging.logsKeyArn, logging.logsKeyArn],
    );
  });

  it("should create no logging role when deliveryStatusLogging is not set", async () => {
    assert.ok(!(await plan()).has("aws:iam/role:Role"));
  });
});

describe("auditMessagingArgsProblems", () => {
  const cases: Array<[string, Partial<AuditMessagingArgs>, RegExp]> = [
    ["maxReceiveCount is 0", { maxReceiveCount: 0 }, /^maxReceiveCount: must be a whole number from 1 to 1000; got 0/],
    [
      "visibility is above 12 hours",
      { visibilityTimeoutSeconds: 43201 },
      /^visibilityTimeoutSeconds: must be a whole number from 0 to 43200/,
    ],
    [
      "batchSize is 0",
      { batchSize: 0, maximumBatchingWindowSeconds: 0 },
      /^batchSize: must be a whole number from 1 to 10000/,
    ],
    [
      "the batching window is above 300",
      { maximumBatchingWindowSeconds: 301 },
      /^maximumBatchingWindowSeconds: must be a whole number from 0 to 300/,
    ],
    [
      "the processor timeout is above 900",
      { processor: { functionName: "f", roleName: "r", timeoutSeconds: 901 }, visibilityTimeoutSeconds: 43200 },
      /^processor\.timeoutSeconds: must be a whole number from 1 to 900/,
    ],
    [
      "visibility is under 6 × the processor timeout",
      { visibilityTimeoutSeconds: 120 },
      /^visibilityTimeoutSeconds: must be at least 6 × processor\.timeoutSeconds \(180\)/,
    ],
    [
      "large batches have no batching window",
      { maximumBatchingWindowSeconds: 0 },
      /^maximumBatchingWindowSeconds: must be at least 1 when batchSize is above 10/,
    ],
    ["delivery is unknown", { delivery: "json" as never }, /^delivery: expected raw or sns-envelope/],
    [
      "the logging region is malformed",
      { deliveryStatusLogging: { region: "east", logsKeyArn: "k" } },
      /^deliveryStatusLogging\.region: expected an AWS region like us-east-1/,
    ],
    [
      "the logging retention is under a year",
      { deliveryStatusLogging: { region: "us-east-1", logsKeyArn: "k", retentionDays: 30 } },
      /^deliveryStatusLogging\.retentionDays: must be at least 365/,
    ],
    ["protection is unknown", { protection: "keep" as never }, /^protection: expected retain or disposable/],
  ];
  for (const [when, overrides, message] of cases) {
    it(`should report ${message.source.slice(1, message.source.indexOf(":")).replace(/\\/g, "")} when ${when}`, async () => {
      const found = auditMessagingArgsProblems(args(overrides));
      assert.equal(found.length, 1, found.join("\n"));
      assert.match(found[0], message);
    });
  }

  it("should report nothing when the args are valid", async () => {
    assert.deepEqual(auditMessagingArgsProblems(args()), []);
  });
});
