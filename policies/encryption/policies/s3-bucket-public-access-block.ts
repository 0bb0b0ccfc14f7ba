import { judgeEach } from "../../lib/judge";
import { buckets, configsFor } from "../../lib/s3";
import { stackPolicy } from "../../lib/types";

const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const SETTINGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const s3BucketPublicAccessBlock = stackPolicy({
  name: "s3-bucket-public-access-block",
  description: "Every S3 bucket has a public access block with all four settings on.",
  enforcementLevel: "mandatory",
  pci: ["1.3.1", "1.4.4", "7.2.1"],
  resourceTypes: [PAB, "aws:s3/bucket:Bucket"],
  fix: "Add an aws.s3.BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
  covers: {
    checkov: ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV2_AWS_6"],
    cdkNag: ["AwsSolutions-S2", "PCIDSS321S3BucketLevelPublicAccessProhibited"],
  },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    judgeEach(buckets(args.resources), report, (bucket) => {
      const blocks = configsFor(bucket, args.resources, [PAB]);
      if (blocks.length === 0) {
        report(
          `Bucket ${bucket.name} has no public access block: add an aws.s3.BucketPublicAccessBlock with all four settings true.`,
          bucket.urn,
        );
      }
      for (const block of blocks) {
        const off = SETTINGS.filter((s) => block.props[s] !== true);
        if (off.length > 0)
          report(
            `Bucket ${bucket.name} public access block leaves ${off.join(", ")} off: set them to true.`,
            block.urn,
          );
      }
    });
  },
});
