import { judgeEach } from "../../lib/judge";
import { linkedThrough, peek, readConfig } from "../../lib/props";
import { buckets, configsFor } from "../../lib/s3";
import { stackPolicy, type PolicyConfigSchema } from "../../lib/types";

const LOGGING = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];

interface Config {
  readonly exemptAccessLogTargets: boolean;
}

const schema: PolicyConfigSchema = {
  properties: {
    exemptAccessLogTargets: {
      type: "boolean",
      default: true,
      description:
        "A bucket that receives server access logs need not log to itself (that loops); its access is visible in CloudTrail data events.",
    },
  },
};

export const s3AccessLogging = stackPolicy({
  name: "s3-access-logging",
  description: "Every S3 bucket writes server access logs to a log bucket (the log bucket itself excepted).",
  enforcementLevel: "mandatory",
  pci: ["10.2.1", "10.2.1.1"],
  resourceTypes: ["aws:s3/bucket:Bucket", ...LOGGING],
  fix: "Add an aws.s3.BucketLogging with targetBucket the access-log bucket.",
  covers: { checkov: ["CKV_AWS_18"], cdkNag: ["AwsSolutions-S1", "PCIDSS321S3BucketLoggingEnabled"] },
  configSchema: schema,
  validateStack: (args, report) => {
    const { exemptAccessLogTargets } = readConfig<Config>(args, schema);
    const logging = args.resources.filter((r) => LOGGING.includes(r.type));
    judgeEach(buckets(args.resources), report, (bucket) => {
      if (configsFor(bucket, args.resources, LOGGING).length > 0) return;
      const isTarget = logging.some(
        (l) =>
          linkedThrough(l, "targetBucket", [bucket], (b) => [peek(b.props, "bucket"), peek(b.props, "id")]).length > 0,
      );
      if (isTarget && exemptAccessLogTargets) return;
      report(
        `Bucket ${bucket.name} writes no server access logs: add an aws.s3.BucketLogging targeting the access-log bucket.`,
        bucket.urn,
      );
    });
  },
});
