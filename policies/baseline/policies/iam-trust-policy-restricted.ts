import { conditionKeys, isPublicPrincipal, isScoped, statementsOf } from "../../lib/iam";
import { forTypes, readConfig } from "../../lib/props";
import { resourcePolicy, type PolicyConfigSchema } from "../../lib/types";

const ROLE = "aws:iam/role:Role";
const SOURCE_KEYS = ["aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"];

interface Config {
  readonly sourceConditionServices: readonly string[];
}

const schema: PolicyConfigSchema = {
  properties: {
    sourceConditionServices: {
      type: "array",
      items: { type: "string", pattern: "\\.amazonaws\\.com$" },
      uniqueItems: true,
      // Services whose own documentation shows aws:SourceArn/aws:SourceAccount in the role trust
      // policy against the confused-deputy problem (VPC flow logs, vended logs, CloudTrail to
      // CloudWatch Logs, AWS Config, CloudWatch Logs subscriptions, EventBridge Scheduler). Roles
      // that cannot be passed across accounts (Lambda, Backup, API Gateway) take none.
      default: [
        "vpc-flow-logs.amazonaws.com",
        "delivery.logs.amazonaws.com",
        "cloudtrail.amazonaws.com",
        "config.amazonaws.com",
        "logs.amazonaws.com",
        "scheduler.amazonaws.com",
      ],
      description:
        "Service principals that support aws:SourceArn / aws:SourceAccount in a role trust policy: trusts to them must carry one.",
    },
  },
};

export const iamTrustPolicyRestricted = resourcePolicy({
  name: "iam-trust-policy-restricted",
  description:
    "Role trust policies name who may assume the role: never any principal without a scoping " +
    "condition, and service trusts carry the source conditions the service supports (confused " +
    "deputy).",
  enforcementLevel: "mandatory",
  pci: ["7.2.1", "7.2.2", "8.2.2"],
  resourceTypes: [ROLE],
  fix:
    "Name the principal (account role ARN or service), and for the listed services add " +
    'Condition { StringEquals: { "aws:SourceAccount": <account> }, ArnLike: { "aws:SourceArn": ' +
    "<source ARN> } }.",
  covers: { checkov: ["CKV_AWS_60", "CKV_AWS_61"], cdkNag: ["AwsSolutions-IAM5"] },
  configSchema: schema,
  validateResource: forTypes([ROLE], (props, args, report) => {
    const { sourceConditionServices } = readConfig<Config>(args, schema);
    for (const s of statementsOf(props["assumeRolePolicy"])) {
      if (s.effect !== "Allow") continue;
      if (isPublicPrincipal(s) && !isScoped(s)) {
        report(
          "The trust policy lets any principal assume the role: name the principals, or add an " +
            "aws:PrincipalOrgID / aws:PrincipalAccount / sts:ExternalId condition.",
        );
        continue;
      }
      const keys = conditionKeys(s);
      for (const service of s.servicePrincipals.filter((p) => sourceConditionServices.includes(p))) {
        if (!SOURCE_KEYS.some((k) => keys.has(k))) {
          report(
            `The trust to ${service} has no aws:SourceArn or aws:SourceAccount condition, so another ` +
              `account's ${service.split(".")[0]} could act through it: add one.`,
          );
        }
      }
    }
  }),
});
