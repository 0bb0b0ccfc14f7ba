import { buckets, configsFor } from "../../lib/s3";
import { CMK_PCI } from "../../lib/inputs-policy";
import { asArray, asObject, at, isCustomerManagedKey } from "../../lib/props";
import { stackPolicy } from "../../lib/types";

const SSE_TYPES = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];

function usesCmk(rule: unknown): boolean {
  const byDefault = asObject(at(rule, "applyServerSideEncryptionByDefault"));
  const algorithm = byDefault?.["sseAlgorithm"];
  return (algorithm === "aws:kms" || algorithm === "aws:kms:dsse") && isCustomerManagedKey(byDefault?.["kmsMasterKeyId"]);
}

export const s3BucketEncryptionCmk = stackPolicy({
  name: "s3-bucket-encryption-cmk",
  description: "Every S3 bucket has a server-side encryption configuration using SSE-KMS with a customer-managed key.",
  enforcementLevel: "mandatory",
  pci: [...CMK_PCI],
  resourceTypes: [...SSE_TYPES.slice(0, 1), "aws:s3/bucket:Bucket"],
  fix: "Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with sseAlgorithm aws:kms and kmsMasterKeyId a CMK ARN.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    for (const bucket of buckets(args.resources)) {
      const configs = configsFor(bucket, args.resources, SSE_TYPES);
      if (configs.length === 0) {
        report(`Bucket ${bucket.name} has no server-side encryption configuration: add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms" and a CMK kmsMasterKeyId.`, bucket.urn);
        continue;
      }
      for (const config of configs) {
        const rules = asArray(config.props["rules"]);
        if (rules.length === 0 || !rules.every(usesCmk)) {
          report(`Bucket ${bucket.name} is not encrypted with a customer-managed key: set rules[].applyServerSideEncryptionByDefault to sseAlgorithm "aws:kms" with kmsMasterKeyId a CMK ARN.`, config.urn);
        }
      }
    }
  },
});
