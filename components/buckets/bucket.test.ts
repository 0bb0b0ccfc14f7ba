import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { json, runProgram, type RecordedPlan } from "../testing/harness";
import { ArgsError } from "../common";
import { SecureBucket, secureBucketArgsProblems, type SecureBucketArgs } from "./bucket";
import type { BucketPolicyDocument } from "./policy";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const data: SecureBucketArgs = { profile: "ingestion", kmsKeyArn: KEY, accessLogs: { bucket: "logs-bucket" } };
const logs: SecureBucketArgs = { profile: "access-logs", retentionDays: 365 };

const run = (args: SecureBucketArgs) => runProgram(() => new SecureBucket("b", args));
const policyOf = (plan: RecordedPlan) => json<BucketPolicyDocument>(plan.named("b-policy").inputs.policy);

describe("SecureBucket", () => {
  it("should block all four kinds of public access when created", async () => {
    const block = (await run(data)).named("b-public-access").inputs;
    assert.deepEqual(
      [block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets],
      [true, true, true, true],
    );
  });

  it("should enforce bucket-owner object ownership when created", async () => {
    assert.deepEqual((await run(data)).named("b-ownership").inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
  });

  it("should enable versioning when created", async () => {
    assert.deepEqual((await run(data)).named("b-versioning").inputs.versioningConfiguration, { status: "Enabled" });
  });

  it("should encrypt with the given CMK and a bucket key when the profile holds data", async () => {
    const [rule] = (await run(data)).named("b-encryption").inputs.rules as Record<string, unknown>[];
    assert.deepEqual(rule, {
      applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY },
      bucketKeyEnabled: true,
    });
  });

  it("should encrypt with SSE-S3 when the profile is access-logs", async () => {
    const [rule] = (await run(logs)).named("b-encryption").inputs.rules as {
      applyServerSideEncryptionByDefault: { sseAlgorithm: string };
    }[];
    assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
  });

  it("should log server access to the given bucket under the component's prefix when access logs are given", async () => {
    const logging = (await run(data)).named("b-logging").inputs;
    assert.deepEqual([logging.targetBucket, logging.targetPrefix], ["logs-bucket", "b/"]);
  });

  it("should not log server access when the profile is access-logs", async () => {
    assert.equal((await run(logs)).has("aws:s3/bucketLogging:BucketLogging"), false);
  });

  it("should deny requests without TLS when the policy is built", async () => {
    const statement = policyOf(await run(data)).Statement.find((s) => s.Sid === "DenyInsecureTransport");
    assert.deepEqual(statement?.Condition, { Bool: { "aws:SecureTransport": "false" } });
  });

  it("should deny uploads naming another KMS key when the bucket uses a CMK", async () => {
    const statement = policyOf(await run(data)).Statement.find((s) => s.Sid === "DenyUploadsWithAnotherKmsKey");
    assert.deepEqual(statement?.Condition?.StringNotEquals, { "s3:x-amz-server-side-encryption-aws-kms-key-id": KEY });
  });

  it("should let S3 log delivery write only from this account when the profile is access-logs", async () => {
    const statement = policyOf(await run(logs)).Statement.find((s) => s.Sid === "S3ServerAccessLogDelivery");
    assert.deepEqual(statement?.Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
  });

  it("should append caller statements to the policy when additionalPolicyStatements are given", async () => {
    const extra = {
      Sid: "Reader",
      Effect: "Allow" as const,
      Principal: { AWS: "arn:aws:iam::123456789012:role/r" },
      Action: "s3:GetObject",
      Resource: "*",
    };
    assert.equal(policyOf(await run({ ...data, additionalPolicyStatements: [extra] })).Statement.at(-1)?.Sid, "Reader");
  });

  it("should protect and retain the bucket when protection is left at its default", async () => {
    const bucket = (await run(data)).named("b-bucket");
    assert.deepEqual([bucket.protect, bucket.options.retainOnDelete, bucket.inputs.forceDestroy], [true, true, false]);
  });

  it("should allow destroying a non-empty bucket when protection is disposable", async () => {
    const bucket = (await run({ ...data, protection: "disposable" })).named("b-bucket");
    assert.deepEqual([bucket.protect, bucket.inputs.forceDestroy], [false, true]);
  });

  it("should use the given physical name when bucketName is set", async () => {
    assert.equal(
      (await run({ ...data, bucketName: "platform-dev-ingestion-123456789012" })).named("b-bucket").inputs.bucket,
      "platform-dev-ingestion-123456789012",
    );
  });

  it("should tag the bucket with its profile when created", async () => {
    assert.deepEqual((await run(logs)).named("b-bucket").inputs.tags, { Name: "b", DataProfile: "access-logs" });
  });

  it("should parent every child to the component when created", async () => {
    const plan = await run(data);
    assert.ok(plan.custom.every((r) => r.parent === plan.named("b").urn));
  });

  it("should throw an ArgsError when args are invalid", async () => {
    assert.throws(() => new SecureBucket("b", { profile: "audit" }), ArgsError);
  });
});

describe("secureBucketArgsProblems", () => {
  const problem = (args: SecureBucketArgs) => secureBucketArgsProblems(args).join("\n");

  it("should accept a complete data bucket", async () => {
    assert.deepEqual(secureBucketArgsProblems(data), []);
  });

  it("should report profile when it is unknown", async () => {
    assert.match(problem({ profile: "cold" as never }), /^profile: unknown profile "cold"; expected one of ingestion/);
  });

  it("should report kmsKeyArn when a data bucket has none", async () => {
    assert.match(problem({ ...data, kmsKeyArn: undefined }), /^kmsKeyArn: is required for ingestion/);
  });

  it("should report kmsKeyArn when the access-log bucket sets one", async () => {
    assert.match(problem({ ...logs, kmsKeyArn: KEY }), /^kmsKeyArn: must not be set for access-logs/);
  });

  it("should report bucketName when it has upper-case letters", async () => {
    assert.match(
      problem({ ...data, bucketName: "Platform-Data" }),
      /^bucketName: "Platform-Data" is not a valid S3 bucket name/,
    );
  });

  it("should skip bucketName when it is not known yet", async () => {
    assert.deepEqual(secureBucketArgsProblems({ ...data, bucketName: pulumi.output("Bad Name") }), []);
  });

  it("should report accessLogs when a data bucket has no target and logging is not disabled", async () => {
    assert.match(
      problem({ ...data, accessLogs: undefined }),
      /^accessLogs: is required for ingestion .*accessLogging: "disabled"/,
    );
  });

  it("should accept a data bucket without a target when accessLogging is disabled", async () => {
    assert.deepEqual(secureBucketArgsProblems({ ...data, accessLogs: undefined, accessLogging: "disabled" }), []);
  });

  it("should report accessLogging when it is not enabled or disabled", async () => {
    assert.match(problem({ ...data, accessLogging: "off" as never }), /^accessLogging: expected enabled or disabled/);
  });

  it("should report accessLogs when the access-log bucket sets a target", async () => {
    assert.match(problem({ ...logs, accessLogs: { bucket: "x" } }), /^accessLogs: must not be set for access-logs/);
  });

  it("should report noncurrentVersionExpirationDays when it is zero", async () => {
    assert.match(
      problem({ ...data, noncurrentVersionExpirationDays: 0 }),
      /^noncurrentVersionExpirationDays: must be a whole number from 1 to 3650; got 0/,
    );
  });

  it("should report transitionDays when the profile does not transition", async () => {
    assert.match(
      problem({ ...logs, transitionDays: 30 }),
      /^transitionDays: only applies to ingestion, analytics, archival/,
    );
  });

  it("should report transitionDays when it is not a whole number", async () => {
    assert.match(problem({ ...data, transitionDays: 1.5 }), /^transitionDays: must be a whole number/);
  });

  it("should report retentionDays when an expiring profile has none", async () => {
    assert.match(problem({ profile: "access-logs" }), /^retentionDays: is required for access-logs/);
  });

  it("should report retentionDays when the audit bucket keeps logs under 365 days", async () => {
    assert.match(
      problem({ profile: "audit", kmsKeyArn: KEY, accessLogs: { bucket: "l" }, retentionDays: 90 }),
      /^retentionDays: must be a whole number from 365/,
    );
  });

  it("should report retentionDays when a data profile sets it", async () => {
    assert.match(problem({ ...data, retentionDays: 400 }), /^retentionDays: only applies to audit, access-logs/);
  });

  it("should report deliveryServices when a non-audit bucket sets them", async () => {
    assert.match(problem({ ...data, deliveryServices: ["cloudtrail"] }), /^deliveryServices: only the audit bucket/);
  });

  it("should report protection when it is not retain or disposable", async () => {
    assert.match(problem({ ...data, protection: "keep" as never }), /^protection: expected retain or disposable/);
  });

  it("should list every problem at once when several fields are wrong", async () => {
    assert.equal(secureBucketArgsProblems({ profile: "audit", noncurrentVersionExpirationDays: 0 }).length, 4);
  });

  it("should enable Object Lock when the bucket is created when objectLock is given", async () => {
    const plan = await run({
      profile: "ledger-digests",
      kmsKeyArn: KEY,
      accessLogs: { bucket: "logs-bucket" },
      objectLock: { mode: "COMPLIANCE", retentionDays: 2557 },
    });
    assert.equal(plan.named("b-bucket").inputs.objectLockEnabled, true);
  });

  it("should give every new version the default retention when objectLock is given", async () => {
    const plan = await run({
      profile: "ledger-digests",
      kmsKeyArn: KEY,
      accessLogs: { bucket: "logs-bucket" },
      objectLock: { mode: "COMPLIANCE", retentionDays: 2557 },
    });
    assert.deepEqual(plan.named("b-object-lock").inputs.rule, { defaultRetention: { mode: "COMPLIANCE", days: 2557 } });
  });

  it("should create no Object Lock configuration when objectLock is absent", async () => {
    assert.equal(
      (await run(data)).ofType("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").length,
      0,
    );
  });

  it("should require objectLock for ledger-digests", async () => {
    assert.match(
      secureBucketArgsProblems({ profile: "ledger-digests", kmsKeyArn: KEY, accessLogs: { bucket: "l" } }).join("\n"),
      /objectLock: is required for ledger-digests/,
    );
  });

  it("should refuse objectLock on access-logs", async () => {
    assert.match(
      secureBucketArgsProblems({ ...logs, objectLock: { mode: "COMPLIANCE", retentionDays: 1 } }).join("\n"),
      /objectLock: must not be set for access-logs/,
    );
  });

  it("should name objectLock.retentionDays when it is 0", async () => {
    assert.match(
      secureBucketArgsProblems({ ...data, objectLock: { mode: "COMPLIANCE", retentionDays: 0 } }).join("\n"),
      /objectLock.retentionDays: must be a whole number from 1 to 36500/,
    );
  });

  it("should name objectLock.mode when it is not COMPLIANCE or GOVERNANCE", async () => {
    assert.match(
      secureBucketArgsProblems({ ...data, objectLock: { mode: "LEGAL" as "COMPLIANCE", retentionDays: 1 } }).join("\n"),
      /objectLock.mode: expected COMPLIANCE or GOVERNANCE/,
    );
  });
});
