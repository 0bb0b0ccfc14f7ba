import { judgeEach } from "../../lib/judge";
import { buckets, configsFor } from "../../lib/s3";
import { asObject, asString, parseJsonish, peek } from "../../lib/props";
import { stackPolicy } from "../../lib/types";

const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

/** IAM matches actions and condition keys case-insensitively; `*` and `?` are wildcards in both actions and resources. */
function globMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, ignoreCase ? "i" : "").test(value);
}

const strings = (v: unknown): string[] => [v].flat().filter((x): x is string => typeof x === "string");

/** The deny applies to every principal: `"*"` or `{ AWS: "*" }`. */
function everyone(principal: unknown): boolean {
  return principal === "*" || strings(asObject(principal)?.["AWS"]).includes("*");
}

/** `aws:SecureTransport` is `false` under Bool (or BoolIfExists); key names are case-insensitive. */
function whenInsecure(condition: unknown): boolean {
  for (const operator of ["Bool", "BoolIfExists"]) {
    const entries = Object.entries(asObject(asObject(condition)?.[operator]) ?? {});
    if (
      entries.some(
        ([k, v]) =>
          k.toLowerCase() === "aws:securetransport" &&
          [v].flat().some((x) => x === false || asString(x)?.toLowerCase() === "false"),
      )
    )
      return true;
  }
  return false;
}

/**
 * A Deny of every s3 action to every principal when aws:SecureTransport is false, covering the
 * bucket's objects (`<bucket ARN>/*`; the bucket ARN alone leaves every GetObject/PutObject open).
 * `bucketName` is undefined while the name is unknown: then any object-level resource counts.
 */
export function deniesInsecureTransport(document: unknown, bucketName?: string): boolean {
  const statements = [asObject(parseJsonish(document))?.["Statement"]].flat();
  const sampleObject = bucketName ? `arn:aws:s3:::${bucketName}/any/key` : undefined;
  return statements.some((raw) => {
    const s = asObject(raw);
    if (s?.["Effect"] !== "Deny" || !everyone(s["Principal"]) || !whenInsecure(s["Condition"])) return false;
    const allActions = strings(s["Action"]).some((a) => globMatches(a, "s3:*", true) || a === "*");
    const resources = strings(s["Resource"]);
    const coversObjects = resources.some((r) =>
      sampleObject ? globMatches(r, sampleObject, false) : r === "*" || r.endsWith("/*") || r === "arn:aws:s3:::*",
    );
    return allActions && coversObjects;
  });
}

export const s3BucketSecureTransport = stackPolicy({
  name: "s3-bucket-secure-transport",
  description:
    "Every S3 bucket has exactly one bucket policy, and it denies requests to the bucket and its objects not made over TLS.",
  enforcementLevel: "mandatory",
  pci: ["4.2.1"],
  resourceTypes: [BUCKET_POLICY, "aws:s3/bucket:Bucket"],
  fix:
    'Attach one aws.s3.BucketPolicy with { Effect: "Deny", Principal: "*", Action: "s3:*", ' +
    'Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": ' +
    '"false" } } } (S3 keeps one policy per bucket: merge statements).',
  covers: { cdkNag: ["AwsSolutions-S10", "PCIDSS321S3BucketSSLRequestsOnly"] },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    judgeEach(buckets(args.resources), report, (bucket) => {
      const policies = configsFor(bucket, args.resources, [BUCKET_POLICY]);
      if (policies.length > 1) {
        report(
          `Bucket ${bucket.name} has ${policies.length} bucket policies ` +
            `(${policies.map((p) => p.name).join(", ")}); S3 keeps only one, so each replaces the ` +
            `other: merge them into one aws.s3.BucketPolicy.`,
          bucket.urn,
        );
      }
      // S3 keeps one policy per bucket: the last one written is the one that holds.
      const effective = policies[policies.length - 1];
      const name = asString(peek(bucket.props, "bucket"));
      if (!effective || !deniesInsecureTransport(effective.props["policy"], name)) {
        report(
          `Bucket ${bucket.name} accepts plain HTTP: its bucket policy must deny s3:* to Principal ` +
            `"*" on the bucket ARN and <bucket ARN>/* when aws:SecureTransport is "false".`,
          effective?.urn ?? bucket.urn,
        );
      }
    });
  },
});
