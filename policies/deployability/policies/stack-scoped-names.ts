/**
 * A name that is unique per account (and region) and set explicitly, rather than auto-named,
 * must differ between stacks: two stacks deployed into one account (dev and prod before the
 * account split, a preview stack, a second region) otherwise fight over one physical resource.
 * CloudWatch dashboards are the trap: PutDashboard overwrites a dashboard of the same name without
 * an error, so each `up` silently replaces the other stack's (issue 11 Found 12); other types fail
 * the second create ("already exists"). Explicit names of these types must contain the stack name.
 *
 * Sources: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html
 * ("If a dashboard with the name you specify already exists, it is overwritten"), Pulumi
 * auto-naming (https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming), issue 11 Found 12.
 *
 * Auto-named resources are unique per stack already. The offline plan leaves their name input
 * empty, but a real preview (and a stack export) carries the name the provider generated: the
 * logical name, "-", and 7 random hex characters (pulumi-terraform-bridge's AutoName, Randlen 7;
 * lower-cased for S3 buckets). Such a name is recognised and left alone.
 */
import { asString, forTypes, peek, readConfig } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

/** Account-unique types this platform names explicitly, and the input holding the name. */
export const DEFAULT_STACK_SCOPED_NAMES: Readonly<Record<string, string>> = {
  "aws:cloudwatch/dashboard:Dashboard": "dashboardName",
  "aws:cfg/rule:Rule": "name",
  "aws:kms/alias:Alias": "name",
  "aws:rds/cluster:Cluster": "clusterIdentifier",
  "aws:s3/bucket:Bucket": "bucket",
  "aws:s3/bucketV2:BucketV2": "bucket",
  "aws:budgets/budget:Budget": "name",
  "aws:cloudtrail/trail:Trail": "name",
  "aws:secretsmanager/secret:Secret": "name",
  "aws:wafv2/webAcl:WebAcl": "name",
};

const configSchema = {
  properties: {
    exemptTypes: {
      type: "array" as const,
      items: { type: "string" as const },
      default: [],
      description: "Type tokens to leave out (e.g. a bucket name fixed by another team's convention).",
    },
  },
};

/** The stack name in a URN: urn:pulumi:<stack>::<project>::... */
export function stackOfUrn(urn: string): string | undefined {
  return urn.match(/^urn:pulumi:([^:]+)::/)?.[1];
}

/** The logical name in a URN: its last `::` segment. */
export function logicalNameOfUrn(urn: string): string | undefined {
  return urn.split("::").pop() || undefined;
}

/** True when `name` is the name Pulumi generates from `logical`: `<logical>-<7 hex>`. */
export function isAutoName(name: string, logical: string): boolean {
  const escaped = logical.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}-[0-9a-f]{7}$`).test(name.toLowerCase());
}

export const stackScopedNames = resourcePolicy({
  name: "stack-scoped-names",
  description:
    "Explicit physical names of account-unique resources (dashboards, Config rules, KMS " +
    "aliases, buckets, budgets, ...) contain the stack name, so two stacks in one account " +
    "never share one.",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: Object.keys(DEFAULT_STACK_SCOPED_NAMES),
  fix: "Put the stack name in the explicit name (e.g. `services-alarms-${pulumi.getStack()}`), or leave the name to Pulumi's auto-naming.",
  configSchema,
  validateResource: forTypes(Object.keys(DEFAULT_STACK_SCOPED_NAMES), (props, args, report) => {
    const { exemptTypes } = readConfig<{ exemptTypes: readonly string[] }>(args, configSchema);
    if (exemptTypes.includes(args.type)) return;
    const field = DEFAULT_STACK_SCOPED_NAMES[args.type];
    const name = asString(peek(props, field));
    const stack = stackOfUrn(args.urn);
    if (name === undefined || stack === undefined) return;
    const logical = logicalNameOfUrn(args.urn);
    if (logical !== undefined && isAutoName(name, logical)) return;
    if (!name.toLowerCase().includes(stack.toLowerCase())) {
      report(
        `${field} "${name}" does not contain the stack name "${stack}": another stack in the same ` +
          `account ${args.type === "aws:cloudwatch/dashboard:Dashboard" ? "silently overwrites it (PutDashboard replaces a dashboard of the same name)" : "collides with it"}. Include the stack name or use auto-naming.`,
      );
    }
  }),
});
