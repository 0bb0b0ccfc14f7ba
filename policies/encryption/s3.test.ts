import assert from "node:assert/strict";
import { describeCases } from "../testing/cases";
import { CMK, mandatoryOf, resource, urnOf } from "../testing/fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const bucket = resource(BUCKET, "data", { bucket: "data-1234" });
const linked = { propertyDependencies: { bucket: [urnOf(BUCKET, "data")] } };
const sse = (byDefault: Record<string, unknown>, extras: { propertyDependencies: Record<string, string[]> } = linked) =>
  resource(
    SSE,
    "data-sse",
    { bucket: "data-1234", rules: [{ applyServerSideEncryptionByDefault: byDefault }] },
    extras,
  );
const pab = (overrides: Record<string, unknown> = {}) =>
  resource(
    PAB,
    "data-pab",
    {
      bucket: "data-1234",
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      ...overrides,
    },
    linked,
  );
const denyInsecure = {
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: "*",
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const bucketPolicy = (statement: Record<string, unknown>, asText = true, name = "data-policy") => {
  const doc = { Version: "2012-10-17", Statement: [statement] };
  return resource(POLICY, name, { bucket: "data-1234", policy: asText ? JSON.stringify(doc) : doc }, linked);
};
const ARN = "arn:aws:s3:::data-1234";

describeCases("s3-bucket-encryption-cmk", [
  {
    should: "pass a bucket whose SSE configuration uses aws:kms with a CMK",
    resources: [bucket, sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: CMK })],
    violation: null,
  },
  {
    should: "relate a configuration to its bucket by name when no dependency was recorded",
    resources: [bucket, sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: CMK }, { propertyDependencies: {} })],
    violation: null,
  },
  {
    should: "report a bucket without any SSE configuration",
    resources: [bucket],
    violation: /has no server-side encryption configuration/,
  },
  {
    should: "report SSE-S3 (AES256)",
    resources: [bucket, sse({ sseAlgorithm: "AES256" })],
    violation: /not encrypted with a customer-managed key/,
  },
  {
    should: "report aws:kms without a key (the AWS-managed aws/s3 key)",
    resources: [bucket, sse({ sseAlgorithm: "aws:kms" })],
    violation: /kmsMasterKeyId a CMK ARN/,
  },
  {
    should: "accept DSSE-KMS with a CMK",
    resources: [bucket, sse({ sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: CMK })],
    violation: null,
  },
]);

describeCases("s3-bucket-public-access-block", [
  { should: "pass a bucket with all four settings on", resources: [bucket, pab()], violation: null },
  {
    should: "report a bucket without a public access block",
    resources: [bucket],
    violation: /has no public access block/,
  },
  {
    should: "report each setting left off",
    resources: [bucket, pab({ blockPublicPolicy: false, restrictPublicBuckets: undefined })],
    violation: /leaves blockPublicPolicy, restrictPublicBuckets off/,
  },
]);

describeCases("s3-bucket-secure-transport", [
  {
    should: "pass a bucket whose policy denies aws:SecureTransport false",
    resources: [bucket, bucketPolicy(denyInsecure)],
    violation: null,
  },
  {
    should: "read a policy document given as an object",
    resources: [bucket, bucketPolicy(denyInsecure, false)],
    violation: null,
  },
  {
    should: "accept the boolean false and an AWS:* principal",
    resources: [
      bucket,
      bucketPolicy({ ...denyInsecure, Principal: { AWS: "*" }, Condition: { Bool: { "aws:SecureTransport": false } } }),
    ],
    violation: null,
  },
  { should: "report a bucket without a bucket policy", resources: [bucket], violation: /accepts plain HTTP/ },
  {
    should: "report a policy whose deny covers only some actions",
    resources: [bucket, bucketPolicy({ ...denyInsecure, Action: "s3:GetObject" })],
    violation: /accepts plain HTTP/,
  },
  {
    should: "report a policy that allows instead of denies",
    resources: [bucket, bucketPolicy({ ...denyInsecure, Effect: "Allow" })],
    violation: /accepts plain HTTP/,
  },
  {
    should: "pass a deny naming the bucket ARN and ARN/*",
    resources: [bucket, bucketPolicy({ ...denyInsecure, Resource: [ARN, `${ARN}/*`] })],
    violation: null,
  },
  {
    should: "report a deny naming only the bucket ARN, which leaves its objects open",
    resources: [bucket, bucketPolicy({ ...denyInsecure, Resource: ARN })],
    violation: /accepts plain HTTP/,
  },
  {
    should: "report a deny covering another bucket's objects",
    resources: [bucket, bucketPolicy({ ...denyInsecure, Resource: "arn:aws:s3:::other/*" })],
    violation: /accepts plain HTTP/,
  },
  {
    should: "match actions case-insensitively (S3:* is s3:*)",
    resources: [bucket, bucketPolicy({ ...denyInsecure, Action: "S3:*" })],
    violation: null,
  },
]);

describe("s3-bucket-secure-transport with several policies", () => {
  it("should report both the duplicate policies and the missing deny in the last one", async () => {
    const findings = await mandatoryOf("s3-bucket-secure-transport", [
      bucket,
      bucketPolicy(denyInsecure, true, "data-policy-a"),
      bucketPolicy(
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111122223333:root" },
          Action: "s3:GetObject",
          Resource: `${ARN}/*`,
        },
        true,
        "data-policy-b",
      ),
    ]);
    assert.deepEqual(
      findings.map((f) => [f.urn?.split("::").pop(), /has 2 bucket policies|accepts plain HTTP/.exec(f.message)?.[0]]),
      [
        ["data", "has 2 bucket policies"],
        ["data-policy-b", "accepts plain HTTP"],
      ],
    );
  });
});

const logging = resource(
  "aws:s3/bucketLogging:BucketLogging",
  "data-logging",
  { bucket: "other", targetBucket: "data-1234" },
  { propertyDependencies: { targetBucket: [urnOf(BUCKET, "data")] } },
);

describeCases("s3-bucket-encryption-cmk", [
  {
    should: "accept SSE-S3 on a server access log target bucket, which S3 requires",
    resources: [bucket, logging, sse({ sseAlgorithm: "AES256" })],
    violation: null,
  },
  {
    should: "report SSE-S3 on an access log target when the exception is switched off",
    resources: [bucket, logging, sse({ sseAlgorithm: "AES256" })],
    config: { "s3-bucket-encryption-cmk": { allowSseS3ForAccessLogTargets: false } },
    violation: /customer-managed key/,
  },
  {
    should: "still require an SSE configuration on an access log target",
    resources: [bucket, logging],
    violation: /has no server-side encryption configuration/,
  },
]);
