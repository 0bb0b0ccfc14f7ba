import { DEFAULT_AWS_GLOBAL_TYPES, isGlobalType, otherPlacements } from "../../lib/regions";
import { asString, isAwsResource, readConfig, typeMatches } from "../../lib/props";
import { resourcePolicy, type PolicyConfigSchema } from "../../lib/types";
import { DEFAULT_ALLOWED_AWS_REGIONS } from "../../../platform-rules/regions";

interface Config {
  readonly allowedRegions: readonly string[];
  readonly globalServiceTypes: readonly string[];
  readonly recoveryRegions: readonly string[];
  readonly recoveryRegionTypes: readonly string[];
}

/**
 * The DR failover gate (components/dr/failover-dns.ts) keeps its latched alarms outside the
 * primary region it protects against, with the topics they notify and those topics' key (an
 * alarm can only publish to a topic in its own region); nothing else may go there.
 */
export const DEFAULT_RECOVERY_REGION_TYPES: readonly string[] = [
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:sns/topic:Topic",
  "aws:sns/topicPolicy:TopicPolicy",
  "aws:sns/topicSubscription:TopicSubscription",
  "aws:kms/key:Key",
  "aws:kms/alias:Alias",
];

const AWS_PROVIDER = "pulumi:providers:aws";
/** AWS only accepts these in us-east-1, whatever the region list says. */
const US_EAST_1_ONLY = "us-east-1";

const schema: PolicyConfigSchema = {
  properties: {
    allowedRegions: {
      type: "array",
      items: { type: "string", pattern: "^[a-z]{2}(-[a-z]+)+-\\d$" },
      minItems: 1,
      uniqueItems: true,
      default: [...DEFAULT_ALLOWED_AWS_REGIONS],
      description: "AWS regions resources may be created in (keep equal to platform:regions.allowedAwsRegions).",
    },
    globalServiceTypes: {
      type: "array",
      items: { type: "string" },
      default: DEFAULT_AWS_GLOBAL_TYPES,
      description: "Type tokens (trailing * allowed) of global services exempt from the region list.",
    },
    recoveryRegions: {
      type: "array",
      items: { type: "string", pattern: "^[a-z]{2}(-[a-z]+)+-\\d$" },
      uniqueItems: true,
      default: ["us-east-2"],
      description:
        "Regions the DR failover gate may use (keep equal to platform:dr.gateRegion), for recoveryRegionTypes only.",
    },
    recoveryRegionTypes: {
      type: "array",
      items: { type: "string" },
      default: DEFAULT_RECOVERY_REGION_TYPES,
      description: "Type tokens (trailing * allowed) allowed in recoveryRegions (and AWS providers targeting them).",
    },
  },
};

export const awsAllowedRegions = resourcePolicy({
  name: "aws-allowed-regions",
  description:
    "AWS providers and resources stay in the allowed regions, and so do the replicas and " +
    "replication sources a resource names (DynamoDB and Secrets Manager replicas, Aurora " +
    "global and cross-region sources, KMS replica keys, Backup copy actions, ECR replication).",
  enforcementLevel: "mandatory",
  pci: ["12.5.2", "1.2.4"],
  resourceTypes: [AWS_PROVIDER, "aws:*"],
  fix: "Set the provider's region (or the resource's region input) to an allowed region; global services are exempt.",
  configSchema: schema,
  validateResource: (args, report) => {
    const isProvider = args.type === AWS_PROVIDER;
    if (!isProvider && !isAwsResource(args.type)) args.notApplicable("Not an AWS resource");
    const { allowedRegions, globalServiceTypes, recoveryRegions, recoveryRegionTypes } = readConfig<Config>(
      args,
      schema,
    );
    const allowed = allowedRegions.join(", ");
    const own = asString(args.props["region"]);

    if (isProvider) {
      if (own === undefined)
        report(`The AWS provider has no explicit region: set region (aws:region) to one of ${allowed}.`);
      else if (!allowedRegions.includes(own) && !recoveryRegions.includes(own))
        report(`The AWS provider targets ${own}: set its region to one of ${allowed}.`);
      return;
    }
    const region = own ?? asString(args.provider?.props["region"]);
    const scope = asString(args.props["scope"]);
    if (args.type === "aws:wafv2/webAcl:WebAcl" && scope === "CLOUDFRONT") {
      if (region !== undefined && region !== US_EAST_1_ONLY)
        report(`A CLOUDFRONT-scope web ACL must be created in us-east-1, not ${region}: use a us-east-1 provider.`);
      return;
    }
    for (const p of otherPlacements(args.type, args.props)) {
      if (!allowedRegions.includes(p.region)) {
        report(
          `Replica in ${p.region} (${p.field}) copies data out of the allowed regions: remove it or use one of ${allowed}.`,
        );
      }
    }
    if (isGlobalType(args.type, globalServiceTypes)) args.notApplicable("Global AWS service");
    if (region === undefined) {
      if (args.provider) args.notApplicable("Region comes from the provider, which this policy checks itself");
      report(`No region can be determined: pass an explicit AWS provider with a region in ${allowed}.`);
    } else if (recoveryRegions.includes(region) && !allowedRegions.includes(region)) {
      if (!typeMatches(args.type, recoveryRegionTypes))
        report(
          `Resource is placed in ${region}, a recovery region for the DR failover gate only (${recoveryRegionTypes.join(", ")}): move it to one of ${allowed}.`,
        );
    } else if (!allowedRegions.includes(region)) {
      report(
        `Resource is placed in ${region}: move it to one of ${allowed} (provider region or the resource's region input).`,
      );
    }
  },
});
