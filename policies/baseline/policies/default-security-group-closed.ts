import { judgeEach } from "../../lib/judge";
import { asArray, linkedThrough, peek } from "../../lib/props";
import { stackPolicy } from "../../lib/types";

const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const RULE_TYPES = [
  "aws:ec2/securityGroupRule:SecurityGroupRule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
];

export const defaultSecurityGroupClosed = stackPolicy({
  name: "default-security-group-closed",
  description:
    "A VPC's default security group has no rules (adopt it with empty ingress and egress), so nothing placed in it by default can talk.",
  enforcementLevel: "mandatory",
  pci: ["1.2.1", "1.3.1", "2.2.1"],
  resourceTypes: [DEFAULT_SG, ...RULE_TYPES],
  fix: "Manage each VPC's default security group with aws.ec2.DefaultSecurityGroup and ingress: [], egress: []; attach no rule resources to it.",
  covers: { checkov: ["CKV2_AWS_12"], cdkNag: ["PCIDSS321VPCDefaultSecurityGroupClosed"] },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const defaults = args.resources.filter((r) => r.type === DEFAULT_SG);
    judgeEach(defaults, report, (sg) => {
      for (const direction of ["ingress", "egress"]) {
        const rules = asArray(sg.props[direction]);
        if (rules.length > 0)
          report(
            `${sg.name} keeps ${rules.length} ${direction} rule(s): set ${direction} to [] (the default security group must deny everything).`,
            sg.urn,
          );
      }
    });
    judgeEach(
      args.resources.filter((r) => RULE_TYPES.includes(r.type)),
      report,
      (rule) => {
        const target = linkedThrough(rule, "securityGroupId", defaults, (g) => [peek(g.props, "id")])[0];
        if (target)
          report(
            `${rule.name} adds a rule to the default security group ${target.name}: use a dedicated security group instead.`,
            rule.urn,
          );
      },
    );
  },
});
