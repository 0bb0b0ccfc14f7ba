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

/** A PutObject request as S3 evaluates it against the bucket policy (headers as condition keys). */
interface Put {
  readonly key: string;
  readonly service?: string;
  readonly keys: Readonly<Record<string, string>>;
}
const glob = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.?+^${}()|[\]\\/]/g, "\\$&"))
      .join(".*")}$`,
  ).test(value);
const list = (v: string | readonly string[] | undefined) =>
  v === undefined ? [] : typeof v === "string" ? [v] : [...v];
/** The subset of IAM condition operators these policies use; a missing key makes the negated ones true. */
function conditionHolds(
  condition: Record<string, Record<string, string | readonly string[]>>,
  keys: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(condition).every(([op, entries]) =>
    Object.entries(entries).every(([k, expected]) => {
      const actual = keys[k];
      const values = list(expected);
      switch (op) {
        case "Bool":
          return actual !== undefined && values.includes(actual);
        case "NumericLessThan":
          return actual !== undefined && Number(actual) < Number(values[0]);
        case "Null":
          return (actual === undefined) === (values[0] === "true");
        case "StringEquals":
          return actual !== undefined && values.includes(actual);
        case "StringNotEquals":
          return actual === undefined || !values.includes(actual);
        case "ArnLike":
          return actual !== undefined && values.some((v) => glob(v, actual));
        case "ArnNotLike":
          return actual === undefined || !values.some((v) => glob(v, actual));
        default:
          throw new Error(`operator ${op} not modelled`);
      }
    }),
  );
}
/** "deny", "allow" or "implicit" (no statement applies) for a PutObject. */
function decide(s: BucketPolicyScope, put: Put): "deny" | "allow" | "implicit" {
  const object = `${s.bucketArn}/${put.key}`;
  const applies = bucketPolicy(s).Statement.filter((st) => {
    if (!list(st.Action).some((a) => glob(a, "s3:PutObject"))) return false;
    const principal = st.Principal === "*" || (put.service !== undefined && st.Principal.Service === put.service);
    const resource =
      st.NotResource !== undefined
        ? !list(st.NotResource).some((r) => glob(r, object))
        : list(st.Resource).some((r) => glob(r, object));
    // Every request here arrives over TLS 1.3.
    const keys = { "aws:SecureTransport": "true", "s3:TlsVersion": "1.3", ...put.keys };
    return (
      principal && resource && conditionHolds((st.Condition ?? {}) as Record<string, Record<string, string>>, keys)
    );
  });
  if (applies.some((st) => st.Effect === "Deny")) return "deny";
  return applies.some((st) => st.Effect === "Allow") ? "allow" : "implicit";
}
const TRAIL = "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit";
const digest =
  "cloudtrail/AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/12/01/111122223333_CloudTrail-Digest_us-east-1_audit_us-east-1_20261201T100000Z.json.gz";
const logFile =
  "cloudtrail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/12/01/111122223333_CloudTrail_us-east-1_20261201T1000Z_x.json.gz";
const fromTrail = (key: string, sse: string): Put => ({
  key,
  service: "cloudtrail.amazonaws.com",
  keys: { "aws:SourceArn": TRAIL, "s3:x-amz-acl": "bucket-owner-full-control", "s3:x-amz-server-side-encryption": sse },
});

describe("bucketPolicy", () => {
  it("should deny TLS versions below 1.2 on bucket and objects", async () => {
    assert.deepEqual(sid(scope, "DenyTlsBelow12")?.Resource, [
      "arn:aws:s3:::audit-bucket",
      "arn:aws:s3:::audit-bucket/*",
    ]);
  });

  it("should deny an explicit non-KMS encryption header but not a missing one", async () => {
    assert.deepEqual(sid(scope, "DenyUploadsRequestingOtherEncryption")?.Condition, {
      Null: { "s3:x-amz-server-side-encryption": "false" },
      StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
    });
  });

  it("should deny a key-id header only when present so default bucket-key encryption still works", async () => {
    assert.deepEqual(sid(scope, "DenyUploadsWithAnotherKmsKey")?.Condition?.Null, {
      "s3:x-amz-server-side-encryption-aws-kms-key-id": "false",
    });
  });

  it("should add no encryption denies when the bucket has no CMK", async () => {
    assert.equal(
      sid(
        { ...scope, profile: "access-logs", kmsKeyArn: undefined, deliveryServices: [] },
        "DenyUploadsWithAnotherKmsKey",
      ),
      undefined,
    );
  });

  it("should let CloudTrail write only under AWSLogs/<account>/ for this account's trails", async () => {
    const write = sid(scope, "CloudTrailWrite");
    assert.deepEqual(
      [write?.Resource, write?.Condition?.ArnLike],
      [
        "arn:aws:s3:::audit-bucket/*AWSLogs/111122223333/*",
        { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/*" },
      ],
    );
  });

  it("should require bucket-owner-full-control on CloudTrail writes", async () => {
    assert.equal(sid(scope, "CloudTrailWrite")?.Condition?.StringEquals?.["s3:x-amz-acl"], "bucket-owner-full-control");
  });

  it("should let AWS Config check the bucket only from this account", async () => {
    assert.deepEqual(sid(scope, "ConfigAclCheck")?.Condition, {
      StringEquals: { "aws:SourceAccount": "111122223333" },
    });
  });

  it("should let AWS Config write only under AWSLogs/<account>/Config/", async () => {
    assert.equal(sid(scope, "ConfigWrite")?.Resource, "arn:aws:s3:::audit-bucket/*AWSLogs/111122223333/Config/*");
  });

  it("should grant no delivery service when none is listed", async () => {
    assert.equal(
      bucketPolicy({ ...scope, deliveryServices: [] }).Statement.some((s) => s.Effect === "Allow"),
      false,
    );
  });

  it("should allow nothing to anonymous principals", async () => {
    assert.ok(
      bucketPolicy(scope)
        .Statement.filter((s) => s.Principal === "*")
        .every((s) => s.Effect === "Deny"),
    );
  });

  it("should let the trail deliver its SSE-S3 digest files when the bucket enforces KMS", async () => {
    // Digest files are always SSE-S3 (CloudTrail docs); a KMS-only deny silently breaks log-file validation.
    assert.equal(decide(scope, fromTrail(digest, "AES256")), "allow");
  });

  it("should still deny the trail's log files when they ask for SSE-S3", async () => {
    assert.equal(decide(scope, fromTrail(logFile, "AES256")), "deny");
  });

  it("should deny anyone but this account's trails writing under CloudTrail-Digest/", async () => {
    assert.equal(decide(scope, { key: digest, keys: { "s3:x-amz-server-side-encryption": "AES256" } }), "deny");
  });

  it("should deny SSE-S3 uploads outside the digest prefix", async () => {
    assert.equal(
      decide(scope, { key: "reports/2026/x.json", keys: { "s3:x-amz-server-side-encryption": "AES256" } }),
      "deny",
    );
  });

  it("should keep the plain KMS-only deny on buckets without CloudTrail delivery", async () => {
    assert.deepEqual(
      sid({ ...scope, deliveryServices: ["config"] }, "DenyUploadsRequestingOtherEncryption")?.Resource,
      "arn:aws:s3:::audit-bucket/*",
    );
  });
});
