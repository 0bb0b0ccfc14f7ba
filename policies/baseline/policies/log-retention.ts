import { PCI_MIN_LOG_RETENTION_DAYS } from "../../../platform-rules/log-retention";
import { judgeEach } from "../../lib/judge";
import { asArray, asObject, asString, at, baseType, linkedThrough, peek, readConfig } from "../../lib/props";
import { buckets, configsFor } from "../../lib/s3";
import { stackPolicy, type PolicyConfigSchema, type PolicyResource } from "../../lib/types";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const LIFECYCLE = [
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
];
const WORKSPACE = "azure-native:operationalinsights:Workspace";
const TABLE = "azure-native:operationalinsights:Table";
const INSIGHTS = "azure-native:applicationinsights:Component";
/** S3 storage classes whose objects need a restore before they can be read. */
const NOT_IMMEDIATE = ["GLACIER", "DEEP_ARCHIVE"];

interface Config {
  readonly minimumDays: number;
  readonly immediateDays: number;
}

const schema: PolicyConfigSchema = {
  properties: {
    minimumDays: {
      type: "integer",
      minimum: PCI_MIN_LOG_RETENTION_DAYS.minimum,
      default: PCI_MIN_LOG_RETENTION_DAYS.minimum,
      description:
        "Days every audit log is kept (PCI DSS 10.5.1: at least 12 months; platform-rules/log-retention.ts).",
    },
    immediateDays: {
      type: "integer",
      minimum: 90,
      default: 90,
      description: "Days the most recent logs stay immediately available for analysis (10.5.1: at least three months).",
    },
  },
};

/** S3 buckets that receive logs: access-log targets, CloudTrail and AWS Config delivery buckets, S3 flow-log and WAF destinations. */
function logBuckets(resources: readonly PolicyResource[]): PolicyResource[] {
  const all = buckets(resources);
  const names = (b: PolicyResource) => [peek(b.props, "bucket"), peek(b.props, "id")];
  const arns = (b: PolicyResource) => [`arn:aws:s3:::${String(peek(b.props, "bucket"))}`, peek(b.props, "arn")];
  const found = new Set<PolicyResource>();
  const add = (r: PolicyResource, prop: string, valueOf: (b: PolicyResource) => unknown[]) =>
    linkedThrough(r, prop, all, valueOf).forEach((b) => found.add(b));
  for (const r of resources) {
    if (r.type.startsWith("aws:s3/bucketLogging")) add(r, "targetBucket", names);
    if (r.type === "aws:cloudtrail/trail:Trail" || r.type === "aws:cfg/deliveryChannel:DeliveryChannel")
      add(r, "s3BucketName", names);
    if (r.type === "aws:ec2/flowLog:FlowLog" && peek(r.props, "logDestinationType") === "s3")
      add(r, "logDestination", arns);
    if (r.type === "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")
      add(r, "logDestinationConfigs", arns);
  }
  return [...found];
}

export const logRetention = stackPolicy({
  name: "log-retention",
  description:
    "Audit logs are kept at least 12 months with the last three months immediately available: " +
    "CloudWatch log groups, S3 log buckets' lifecycle, Log Analytics workspaces and tables, " +
    "classic Application Insights.",
  enforcementLevel: "mandatory",
  pci: ["10.5.1"],
  resourceTypes: [LOG_GROUP, ...LIFECYCLE.slice(0, 1), WORKSPACE, TABLE, INSIGHTS],
  fix:
    "Set retentionInDays to 365 or more (CloudWatch: an allowed value such as 400); on log " +
    "buckets expire objects no earlier than 365 days and move them to GLACIER/DEEP_ARCHIVE no " +
    "earlier than 90 days (GLACIER_IR is immediate).",
  covers: {
    checkov: ["CKV_AWS_66", "CKV_AWS_338", "CKV_AZURE_37", "CKV_AZURE_12"],
    cdkNag: ["PCIDSS321CloudWatchLogGroupRetentionPeriod"],
  },
  configSchema: schema,
  validateStack: (args, report) => {
    const { minimumDays, immediateDays } = readConfig<Config>(args, schema);
    const retention = (r: PolicyResource, days: unknown, what: string) => {
      if (typeof days !== "number") report(`${r.name} sets no ${what}: set it to at least ${minimumDays} days.`, r.urn);
      else if (days !== 0 && days < minimumDays)
        report(`${r.name} keeps logs ${days} days: set ${what} to at least ${minimumDays}.`, r.urn);
    };
    judgeEach(
      args.resources.filter((r) => r.type === LOG_GROUP),
      report,
      (g) => retention(g, g.props["retentionInDays"], "retentionInDays"),
    );
    judgeEach(
      args.resources.filter((r) => baseType(r.type) === WORKSPACE),
      report,
      (w) => retention(w, w.props["retentionInDays"], "retentionInDays"),
    );
    judgeEach(
      args.resources.filter((r) => baseType(r.type) === INSIGHTS && !asString(peek(r.props, "workspaceResourceId"))),
      report,
      (c) => retention(c, c.props["retentionInDays"], "retentionInDays"),
    );
    judgeEach(
      args.resources.filter((r) => baseType(r.type) === TABLE),
      report,
      (t) => {
        const hot = t.props["retentionInDays"];
        const total = t.props["totalRetentionInDays"];
        if (typeof hot === "number" && hot >= 0 && hot < immediateDays)
          report(
            `${t.name} keeps logs interactive ${hot} days: set retentionInDays to at least ${immediateDays}.`,
            t.urn,
          );
        if (typeof total === "number" && total >= 0 && total < minimumDays)
          report(
            `${t.name} keeps logs ${total} days in total: set totalRetentionInDays to at least ${minimumDays}.`,
            t.urn,
          );
      },
    );
    judgeEach(logBuckets(args.resources), report, (bucket) => {
      for (const config of configsFor(bucket, args.resources, LIFECYCLE)) {
        for (const raw of asArray(config.props["rules"])) {
          const rule = asObject(raw) ?? {};
          if (asString(rule["status"]) !== "Enabled") continue;
          const id = asString(rule["id"]) ?? "a rule";
          const expires = at(rule, "expiration.days");
          if (typeof expires === "number" && expires < minimumDays)
            report(
              `Log bucket ${bucket.name}: ${id} deletes logs after ${expires} days: expire them no earlier than ${minimumDays}.`,
              config.urn,
            );
          for (const t of asArray(rule["transitions"]).map(asObject)) {
            const days = t?.["days"];
            if (
              NOT_IMMEDIATE.includes(asString(t?.["storageClass"]) ?? "") &&
              typeof days === "number" &&
              days < immediateDays
            ) {
              report(
                `Log bucket ${bucket.name}: ${id} archives logs to ${String(t?.["storageClass"])} after ` +
                  `${days} days: keep them immediately available for ${immediateDays} days (or use ` +
                  `GLACIER_IR).`,
                config.urn,
              );
            }
          }
        }
      }
    });
  },
});
