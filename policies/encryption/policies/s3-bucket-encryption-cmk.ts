import { judgeEach } from "../../lib/judge";
import { buckets, configsFor } from "../../lib/s3";
import { CMK_PCI } from "../../lib/inputs-policy";
import { asArray, asObject, at, isCustomerManagedKey, linkedThrough, peek } from "../../lib/props";
import { readConfig } from "../../lib/props";
import { stackPolicy, type PolicyConfigSchema, type PolicyResource } from "../../lib/types";

const SSE_TYPES = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];

const LOGGING_TYPES = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];

interface Config {
  readonly allowSseS3ForAccessLogTargets: boolean;
}

const schema: PolicyConfigSchema = {
  properties: {
    allowSseS3ForAccessLogTargets: {
      type: "boolean",
      default: true,
      description:
        "S3 can only deliver server access logs to a bucket encrypted with SSE-S3 (AES256), so a " +
        "bucket that is the targetBucket of a BucketLogging may use AES256 instead of a CMK. " +
        "Access logs hold no cardholder data.",
    },
  },
};

/** Buckets some aws.s3.BucketLogging delivers server access logs to. */
function accessLogTargets(resources: readonly PolicyResource[]): Set<string> {
  const targets = new Set<string>();
  for (const bucket of buckets(resources)) {
    const logging = resources.filter((r) => LOGGING_TYPES.includes(r.type));
    if (
      logging.some(
        (l) =>
          linkedThrough(l, "targetBucket", [bucket], (b) => [peek(b.props, "bucket"), peek(b.props, "id")]).length > 0,
      )
    ) {
      targets.add(bucket.urn);
    }
  }
  return targets;
}

function usesSseS3(rule: unknown): boolean {
  return at(rule, "applyServerSideEncryptionByDefault.sseAlgorithm") === "AES256";
}

function usesCmk(rule: unknown): boolean {
  const byDefault = asObject(at(rule, "applyServerSideEncryptionByDefault"));
  const algorithm = byDefault?.["sseAlgorithm"];
  return (
    (algorithm === "aws:kms" || algorithm === "aws:kms:dsse") && isCustomerManagedKey(byDefault?.["kmsMasterKeyId"])
  );
}

export const s3BucketEncryptionCmk = stackPolicy({
  name: "s3-bucket-encryption-cmk",
  description: "Every S3 bucket has a server-side encryption configuration using SSE-KMS with a customer-managed key.",
  enforcementLevel: "mandatory",
  pci: [...CMK_PCI],
  resourceTypes: [...SSE_TYPES.slice(0, 1), "aws:s3/bucket:Bucket", LOGGING_TYPES[0]],
  fix:
    "Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with sseAlgorithm " +
    "aws:kms and kmsMasterKeyId a CMK ARN (server access log target buckets: AES256 is " +
    "accepted, as S3 requires it).",
  covers: { checkov: ["CKV_AWS_19", "CKV_AWS_145"], cdkNag: ["PCIDSS321S3DefaultEncryptionKMS"] },
  configSchema: schema,
  validateStack: (args, report) => {
    const { allowSseS3ForAccessLogTargets } = readConfig<Config>(args, schema);
    const logTargets = allowSseS3ForAccessLogTargets ? accessLogTargets(args.resources) : new Set<string>();
    judgeEach(buckets(args.resources), report, (bucket) => {
      const configs = configsFor(bucket, args.resources, SSE_TYPES);
      if (configs.length === 0) {
        report(
          `Bucket ${bucket.name} has no server-side encryption configuration: add an ` +
            `aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms" and a CMK ` +
            `kmsMasterKeyId.`,
          bucket.urn,
        );
        return;
      }
      for (const config of configs) {
        const rules = asArray(config.props["rules"]);
        const acceptable = logTargets.has(bucket.urn) ? (rule: unknown) => usesCmk(rule) || usesSseS3(rule) : usesCmk;
        if (rules.length === 0 || !rules.every(acceptable)) {
          report(
            `Bucket ${bucket.name} is not encrypted with a customer-managed key: set ` +
              `rules[].applyServerSideEncryptionByDefault to sseAlgorithm "aws:kms" with kmsMasterKeyId ` +
              `a CMK ARN.`,
            config.urn,
          );
        }
      }
    });
  },
});
