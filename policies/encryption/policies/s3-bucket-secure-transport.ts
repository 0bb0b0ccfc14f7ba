import { buckets, configsFor } from "../../lib/s3";
import { asArray, asObject, asString, parseJsonish } from "../../lib/props";
import { stackPolicy } from "../../lib/types";

const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

/** A Deny statement for every principal and s3 action when aws:SecureTransport is false. */
export function deniesInsecureTransport(document: unknown): boolean {
  const statements = asArray(asObject(parseJsonish(document))?.["Statement"]);
  return statements.some((raw) => {
    const s = asObject(raw);
    if (s?.["Effect"] !== "Deny") return false;
    const principal = s["Principal"];
    const everyone = principal === "*" || asArray(asObject(principal)?.["AWS"]).includes("*") || asObject(principal)?.["AWS"] === "*";
    const actions = [s["Action"]].flat();
    const allActions = actions.includes("s3:*") || actions.includes("*");
    const condition = asObject(asObject(s["Condition"])?.["Bool"]);
    const secure = condition?.["aws:SecureTransport"];
    return everyone && allActions && (secure === false || asString(secure) === "false");
  });
}

export const s3BucketSecureTransport = stackPolicy({
  name: "s3-bucket-secure-transport",
  description: "Every S3 bucket has a bucket policy that denies requests not made over TLS.",
  enforcementLevel: "mandatory",
  pci: ["4.2.1"],
  resourceTypes: [BUCKET_POLICY, "aws:s3/bucket:Bucket"],
  fix: 'Attach an aws.s3.BucketPolicy with a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    for (const bucket of buckets(args.resources)) {
      const policies = configsFor(bucket, args.resources, [BUCKET_POLICY]);
      if (!policies.some((p) => deniesInsecureTransport(p.props["policy"]))) {
        report(
          `Bucket ${bucket.name} accepts plain HTTP: attach a bucket policy denying s3:* to Principal "*" when aws:SecureTransport is "false".`,
          bucket.urn,
        );
      }
    }
  },
});
