import assert from "node:assert/strict";
import { bucketPolicy, type BucketPolicyScope } from "./policy";

const scope: BucketPolicyScope = {
  bucketArn: "arn:aws:s3:::audit-bucket",
  accountId: "111122223333",
  region: "us-east-1",
  partition: "aws",
  profile: "audit",
  kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k",
  deliveryServices: ["cloudtrail", "config"],
};
const sid = (s: BucketPolicyScope, id: string) => bucketPolicy(s).Statement.find((x) => x.Sid === id);

describe("bucketPolicy", () => {
  it("should deny TLS versions below 1.2 on bucket and objects", async () => {
    assert.deepEqual(sid(scope, "DenyTlsBelow12")?.Resource, ["arn:aws:s3:::audit-bucket", "arn:aws:s3:::audit-bucket/*"]);
  });

  it("should deny an explicit non-KMS encryption header but not a missing one", async () => {
    assert.deepEqual(sid(scope, "DenyUploadsRequestingOtherEncryption")?.Condition, {
      Null: { "s3:x-amz-server-side-encryption": "false" },
      StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
    });
  });

  it("should deny a key-id header only when present so default bucket-key encryption still works", async () => {
    assert.deepEqual(sid(scope, "DenyUploadsWithAnotherKmsKey")?.Condition?.Null, { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" });
  });

  it("should add no encryption denies when the bucket has no CMK", async () => {
    assert.equal(sid({ ...scope, profile: "access-logs", kmsKeyArn: undefined, deliveryServices: [] }, "DenyUploadsWithAnotherKmsKey"), undefined);
  });

  it("should let CloudTrail write only under AWSLogs/<account>/ for this account's trails", async () => {
    const write = sid(scope, "CloudTrailWrite");
    assert.deepEqual([write?.Resource, write?.Condition?.ArnLike], [
      "arn:aws:s3:::audit-bucket/*AWSLogs/111122223333/*",
      { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/*" },
    ]);
  });

  it("should require bucket-owner-full-control on CloudTrail writes", async () => {
    assert.equal(sid(scope, "CloudTrailWrite")?.Condition?.StringEquals?.["s3:x-amz-acl"], "bucket-owner-full-control");
  });

  it("should let AWS Config check the bucket only from this account", async () => {
    assert.deepEqual(sid(scope, "ConfigAclCheck")?.Condition, { StringEquals: { "aws:SourceAccount": "111122223333" } });
  });

  it("should let AWS Config write only under AWSLogs/<account>/Config/", async () => {
    assert.equal(sid(scope, "ConfigWrite")?.Resource, "arn:aws:s3:::audit-bucket/*AWSLogs/111122223333/Config/*");
  });

  it("should grant no delivery service when none is listed", async () => {
    assert.equal(bucketPolicy({ ...scope, deliveryServices: [] }).Statement.some((s) => s.Effect === "Allow"), false);
  });

  it("should allow nothing to anonymous principals", async () => {
    assert.ok(bucketPolicy(scope).Statement.filter((s) => s.Principal === "*").every((s) => s.Effect === "Deny"));
  });
});
