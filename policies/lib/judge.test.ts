import assert from "node:assert/strict";
import { UNKNOWN_STRING } from "../runner/proxy";
import { findingsOf, resource, urnOf } from "../testing/fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const deny = {
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: "*",
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const on = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

function bucketWith(name: string, pab: Record<string, unknown>, policy: unknown | null) {
  const link = { propertyDependencies: { bucket: [urnOf(BUCKET, name)] } };
  return [
    resource(BUCKET, name, { bucket: name }),
    resource(PAB, `${name}-pab`, { bucket: name, ...pab }, link),
    ...(policy === null ? [] : [resource(POLICY, `${name}-policy`, { bucket: name, policy }, link)]),
  ];
}

/** The case: one unknown PAB setting and one unknown policy document must not hide the open block and the missing policy. */
const resources = [
  ...bucketWith(
    "unknown-pab",
    { ...on, blockPublicPolicy: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7" },
    JSON.stringify({ Statement: [deny] }),
  ),
  ...bucketWith("unknown-policy", on, UNKNOWN_STRING),
  ...bucketWith("open-pab", { ...on, restrictPublicBuckets: false }, JSON.stringify({ Statement: [deny] })),
  ...bucketWith("no-policy", on, null),
];

describe("judgeEach", () => {
  it("should still report an open public access block elsewhere when one block has an unknown setting", async () => {
    const findings = await findingsOf("s3-bucket-public-access-block", resources);
    assert.deepEqual(
      findings.map((f) => [f.enforcementLevel, f.urn?.split("::").pop()]),
      [
        ["advisory", "unknown-pab"],
        ["mandatory", "open-pab-pab"],
      ],
    );
  });

  it("should still report a bucket with no policy when another bucket's policy document is unknown", async () => {
    const findings = await findingsOf("s3-bucket-secure-transport", resources);
    assert.deepEqual(
      findings.map((f) => [f.enforcementLevel, f.urn?.split("::").pop()]),
      [
        ["advisory", "unknown-policy"],
        ["mandatory", "no-policy"],
      ],
    );
  });

  it("should name the unknown property in the resource's advisory", async () => {
    const [advisory] = await findingsOf("s3-bucket-secure-transport", resources);
    assert.match(
      advisory.message,
      /unknown-policy can't be judged during preview .*\.policy can't be known during preview/,
    );
  });
});
