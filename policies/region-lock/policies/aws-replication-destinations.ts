import { judgeEach } from "../../lib/judge";
import { asArray, asString, at, dependsThrough, peek, readConfig } from "../../lib/props";
import { buckets } from "../../lib/s3";
import { stackPolicy, type PolicyConfigSchema, type PolicyResource } from "../../lib/types";
import { DEFAULT_ALLOWED_AWS_REGIONS } from "../../../platform-rules/regions";

const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";

interface Config {
  readonly allowedRegions: readonly string[];
}

const schema: PolicyConfigSchema = {
  properties: {
    allowedRegions: {
      type: "array",
      items: { type: "string", pattern: "^[a-z]{2}(-[a-z]+)+-\\d$" },
      minItems: 1,
      uniqueItems: true,
      default: [...DEFAULT_ALLOWED_AWS_REGIONS],
      description: "AWS regions replicated S3 data may land in (the same list as aws-allowed-regions).",
    },
  },
};

/** A bucket's region: its own v7 `region` input, else its provider's. */
function regionOf(bucket: PolicyResource): string | undefined {
  return (
    asString(peek(bucket.props, "region")) ??
    asString(bucket.provider ? peek(bucket.provider.props, "region") : undefined)
  );
}

export const awsReplicationDestinations = stackPolicy({
  name: "aws-replication-destinations",
  description:
    "S3 replication rules copy data only to buckets this stack declares in an allowed region " +
    "(an S3 ARN names no region, so the destination must be resolvable).",
  enforcementLevel: "mandatory",
  pci: ["12.5.2", "1.2.4"],
  resourceTypes: [REPLICATION, "aws:s3/bucket:Bucket"],
  fix: "Point rules[].destination.bucket at a bucket declared in this stack whose provider (or region input) is an allowed region.",
  configSchema: schema,
  validateStack: (args, report) => {
    const { allowedRegions } = readConfig<Config>(args, schema);
    const all = buckets(args.resources);
    judgeEach(
      args.resources.filter((r) => r.type === REPLICATION),
      report,
      (config) => {
        const linked = dependsThrough(config, "rules");
        asArray(config.props["rules"]).forEach((rule, i) => {
          const arn = asString(at(rule, "destination.bucket"));
          if (arn === undefined) return;
          const byArn = all.filter((b) => `arn:aws:s3:::${String(peek(b.props, "bucket"))}` === arn);
          // An auto-named bucket's ARN only matches by dependency; take it when exactly one bucket is linked.
          const byDependency = all.filter((b) => linked.has(b.urn) && !byArn.includes(b));
          const target = byArn[0] ?? (byDependency.length === 1 ? byDependency[0] : undefined);
          if (!target) {
            report(
              `${config.name} rules[${i}] replicates to ${arn}, a bucket this stack does not declare, so ` +
                `its region cannot be checked: declare the destination bucket here (with its provider) or ` +
                `remove the rule.`,
              config.urn,
            );
            return;
          }
          const region = regionOf(target);
          if (region === undefined || !allowedRegions.includes(region)) {
            report(
              `${config.name} rules[${i}] replicates to ${target.name} in ${region ?? "an unknown region"}: use a destination in ${allowedRegions.join(", ")}.`,
              config.urn,
            );
          }
        });
      },
    );
  },
});
