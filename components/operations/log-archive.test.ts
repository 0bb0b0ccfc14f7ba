import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { json, runProgram } from "../testing/harness";
import { LogArchive, logArchiveArgsProblems, type LogArchiveArgs } from "./log-archive";

const args = (overrides: Partial<LogArchiveArgs> = {}): LogArchiveArgs => ({
  bucketName: "fx-prod-log-archive-123456789012",
  bucketKeyArn: "arn:aws:kms:us-east-1:123456789012:key/storage",
  streamKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
  accessLogs: { bucket: "fx-prod-access-logs" },
  retentionYears: 7,
  lockMode: "COMPLIANCE",
  accountId: "123456789012",
  region: "us-east-1",
  ...overrides,
});
const plan = (overrides: Partial<LogArchiveArgs> = {}) =>
  runProgram(() => {
    const archive = new LogArchive("archive", args(overrides));
    archive.subscribe(new aws.cloudwatch.LogGroup("app-logs", { retentionInDays: 400 }), "app-logs");
  });

describe("LogArchive", () => {
  it("should move archived objects to Glacier Deep Archive", async () => {
    const rules = (await plan()).named("archive-bucket-lifecycle").inputs.rules as {
      transitions?: { storageClass: string }[];
    }[];
    assert.ok(rules.some((r) => r.transitions?.[0]?.storageClass === "DEEP_ARCHIVE"));
  });

  it("should enable Object Lock when the archive bucket is created", async () => {
    assert.equal((await plan()).named("archive-bucket-bucket").inputs.objectLockEnabled, true);
  });

  it("should buffer 5 MiB or 300 s by default", async () => {
    const s3 = (await plan()).named("archive-stream").inputs.extendedS3Configuration as Record<string, unknown>;
    assert.deepEqual([s3.bufferingSize, s3.bufferingInterval], [5, 300]);
  });

  it("should not compress again what CloudWatch Logs already gzipped", async () => {
    const s3 = (await plan()).named("archive-stream").inputs.extendedS3Configuration as Record<string, unknown>;
    assert.equal(s3.compressionFormat, "UNCOMPRESSED");
  });

  it("should let Firehose assume its role only for this account (sts:ExternalId)", async () => {
    const trust = json<{ Statement: { Condition: unknown }[] }>(
      (await plan()).named("archive-firehose").inputs.assumeRolePolicy,
    );
    assert.deepEqual(trust.Statement[0]!.Condition, { StringEquals: { "sts:ExternalId": "123456789012" } });
  });

  it("should forward every event of a subscribed log group (empty filter pattern)", async () => {
    assert.equal((await plan()).named("app-logs-archive").inputs.filterPattern, "");
  });

  it("should make the subscription filter wait for the delivery role's policy", async () => {
    const p = await plan();
    assert.ok(
      p
        .named("app-logs-archive")
        .dependencies?.includes(p.named("archive-logs-put", "aws:iam/rolePolicyAttachment:RolePolicyAttachment").urn),
    );
  });

  it("should report retentionYears when it is under a year", async () => {
    assert.deepEqual(logArchiveArgsProblems(args({ retentionYears: 0 })), [
      "retentionYears: must be a whole number of years, 1 or more (PCI DSS 10.5.1); got 0",
    ]);
  });

  it("should report bufferingSizeMiB when it is over Firehose's 128 MiB", async () => {
    assert.deepEqual(logArchiveArgsProblems(args({ bufferingSizeMiB: 129 })), [
      "bufferingSizeMiB: must be a whole number from 1 to 128 (Firehose); got 129",
    ]);
  });

  it("should report bufferingIntervalSeconds when it is over Firehose's 900 s", async () => {
    assert.deepEqual(logArchiveArgsProblems(args({ bufferingIntervalSeconds: 901 })), [
      "bufferingIntervalSeconds: must be a whole number from 0 to 900 (Firehose); got 901",
    ]);
  });

  it("should report lockMode when it is not an Object Lock mode", async () => {
    assert.deepEqual(logArchiveArgsProblems(args({ lockMode: "LEGAL_HOLD" as "COMPLIANCE" })), [
      'lockMode: expected COMPLIANCE or GOVERNANCE; got "LEGAL_HOLD"',
    ]);
  });

  it("should report deepArchiveAfterDays when it is 0", async () => {
    assert.deepEqual(logArchiveArgsProblems(args({ deepArchiveAfterDays: 0 })), [
      "deepArchiveAfterDays: must be a whole number of days, 1 or more; got 0",
    ]);
  });
});
