import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { json, runProgram } from "../testing/harness";
import { AuditTrail, auditTrailArgsProblems, eventSelectors, type AuditTrailArgs } from "./audit-trail";

const base: Omit<AuditTrailArgs, "bucketPolicy"> = {
  bucketName: "audit",
  kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/storage",
  logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/logs",
  accountId: "123456789012",
};

/** The args with a bucket policy resource, created inside the program under test. */
const withPolicy = (): AuditTrailArgs => ({
  ...base,
  bucketPolicy: new aws.s3.BucketPolicy("audit-policy", { bucket: "audit", policy: "{}" }),
});

describe("AuditTrail", () => {
  it("should accept the defaults when only the required args are given", async () => {
    assert.deepEqual(auditTrailArgsProblems(base as AuditTrailArgs), []);
  });

  it("should name logRetentionDays when it is under a year", async () => {
    assert.match(
      auditTrailArgsProblems({ ...(base as AuditTrailArgs), logRetentionDays: 90 })[0],
      /^logRetentionDays: must be at least 365 \(PCI DSS 10\.5\.1/,
    );
  });

  it("should name s3KeyPrefix when it ends with a slash", async () => {
    assert.match(
      auditTrailArgsProblems({ ...(base as AuditTrailArgs), s3KeyPrefix: "trail/" })[0],
      /^s3KeyPrefix: use letters/,
    );
  });

  it("should name protection when it is unknown", async () => {
    assert.match(
      auditTrailArgsProblems({ ...(base as AuditTrailArgs), protection: "x" as never })[0],
      /^protection: expected retain or disposable/,
    );
  });

  it("should log only management events when no data buckets are given", async () => {
    assert.equal(eventSelectors([]).length, 1);
  });

  it("should log only object reads of the read-only buckets", async () => {
    const [, reads] = eventSelectors([], ["arn:aws:s3:::platform-prod-access-logs-123456789012"]);
    assert.deepEqual(
      (reads!.fieldSelectors as { field: string }[]).find((f) => f.field === "readOnly"),
      { field: "readOnly", equals: ["true"] },
    );
  });

  it("should let the delivery role write only to its own log group's streams", async () => {
    const plan = await runProgram(() => new AuditTrail("t", withPolicy()));
    const doc = json<{ Statement: { Action: string[]; Resource: string }[] }>(
      plan.one("aws:iam/policy:Policy").inputs.policy,
    );
    assert.deepEqual(
      doc.Statement.map((s) => [s.Action, s.Resource.endsWith(":log-stream:*")]),
      [[["logs:CreateLogStream", "logs:PutLogEvents"], true]],
    );
  });

  it("should attach a managed policy rather than an inline one", async () => {
    const plan = await runProgram(() => new AuditTrail("t", withPolicy()));
    assert.deepEqual(
      [plan.has("aws:iam/rolePolicy:RolePolicy"), plan.has("aws:iam/rolePolicyAttachment:RolePolicyAttachment")],
      [false, true],
    );
  });

  it("should create the trail after its role can write to the log group", async () => {
    const plan = await runProgram(() => new AuditTrail("t", withPolicy()));
    const attachment = plan.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    assert.ok(plan.one("aws:cloudtrail/trail:Trail").dependencies.includes(attachment.urn));
  });

  it("should point the trail at every stream of its log group", async () => {
    const plan = await runProgram(() => new AuditTrail("t", withPolicy()));
    assert.match(String(plan.one("aws:cloudtrail/trail:Trail").inputs.cloudWatchLogsGroupArn), /:log-group:.+:\*$/);
  });

  it("should create the trail after the audit bucket's policy", async () => {
    // CreateTrail fails with InsufficientS3BucketPolicyException before the policy is in place.
    const plan = await runProgram(() => new AuditTrail("t", withPolicy()));
    const policy = plan.one("aws:s3/bucketPolicy:BucketPolicy");
    assert.ok(plan.one("aws:cloudtrail/trail:Trail").dependencies.includes(policy.urn));
  });
});
