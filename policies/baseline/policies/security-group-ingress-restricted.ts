import { isPublicEntryPoint, PUBLIC_ENTRY_POINT_TAG } from "../../lib/entry-point";
import { judgeEach } from "../../lib/judge";
import { allProtocols, isAnywhere, portRange } from "../../lib/network";
import { asArray, asObject, asString, linkedThrough, peek } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

interface Opening {
  readonly where: string;
  readonly cidrs: readonly string[];
  readonly from: unknown;
  readonly to: unknown;
  readonly protocol: unknown;
}

const cidrs = (...values: unknown[]): string[] =>
  values
    .flatMap((v) => asArray(v).concat(typeof v === "string" ? [v] : []))
    .filter((c): c is string => typeof c === "string");

/** HTTPS only: TCP 443 to 443. */
function httpsOnly(o: Opening): boolean {
  const [from, to] = portRange(o.from, o.to, o.protocol);
  return !allProtocols(o.protocol) && String(o.protocol).toLowerCase() !== "udp" && from === 443 && to === 443;
}

function describe(o: Opening): string {
  const [from, to] = portRange(o.from, o.to, o.protocol);
  const ports = allProtocols(o.protocol) ? "all traffic" : from === to ? `port ${from}` : `ports ${from}-${to}`;
  return `${o.where} opens ${ports} to ${o.cidrs.filter(isAnywhere).join(" and ")}`;
}

export const securityGroupIngressRestricted = stackPolicy({
  name: "security-group-ingress-restricted",
  description:
    "Security groups take no inbound traffic from 0.0.0.0/0 or ::/0, except HTTPS (443) on a security group declared a public entry point.",
  enforcementLevel: "mandatory",
  pci: ["1.3.1", "1.4.1", "1.4.2"],
  resourceTypes: [SG, SG_RULE, INGRESS_RULE],
  fix:
    `Allow ingress only from specific CIDRs or security groups; an internet-facing load ` +
    `balancer's group may open 443 if tagged ${PUBLIC_ENTRY_POINT_TAG}=true.`,
  covers: {
    checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"],
    cdkNag: ["AwsSolutions-EC23", "PCIDSS321EC2RestrictedSSH", "PCIDSS321EC2RestrictedCommonPorts"],
  },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const groups = args.resources.filter((r) => r.type === SG);
    const groupOf = (rule: PolicyResource): PolicyResource | undefined =>
      linkedThrough(rule, "securityGroupId", groups, (g) => [peek(g.props, "id"), peek(g.props, "name")])[0];
    const judge = (owner: PolicyResource | undefined, openings: readonly Opening[], urn: string): void => {
      for (const o of openings.filter((x) => x.cidrs.some(isAnywhere))) {
        if (httpsOnly(o) && owner && isPublicEntryPoint(owner)) continue;
        report(
          `${describe(o)}: restrict the source to known CIDRs or security ` +
            `groups${httpsOnly(o) ? `, or tag the security group ${PUBLIC_ENTRY_POINT_TAG}=true if it is the internet-facing entry point` : ""}.`,
          urn,
        );
      }
    };
    judgeEach(
      args.resources.filter((r) => r.type === SG || r.type === SG_RULE || r.type === INGRESS_RULE),
      report,
      (r) => {
        if (r.type === SG) {
          const openings = asArray(r.props["ingress"]).map((raw, i): Opening => {
            const rule = asObject(raw) ?? {};
            return {
              where: `${r.name} ingress[${i}]`,
              cidrs: cidrs(rule["cidrBlocks"], rule["ipv6CidrBlocks"]),
              from: rule["fromPort"],
              to: rule["toPort"],
              protocol: rule["protocol"],
            };
          });
          judge(r, openings, r.urn);
        } else if (r.type === SG_RULE) {
          if (asString(r.props["type"]) !== "ingress") return;
          judge(
            groupOf(r),
            [
              {
                where: r.name,
                cidrs: cidrs(r.props["cidrBlocks"], r.props["ipv6CidrBlocks"]),
                from: r.props["fromPort"],
                to: r.props["toPort"],
                protocol: r.props["protocol"],
              },
            ],
            r.urn,
          );
        } else {
          judge(
            groupOf(r),
            [
              {
                where: r.name,
                cidrs: cidrs(r.props["cidrIpv4"], r.props["cidrIpv6"]),
                from: r.props["fromPort"],
                to: r.props["toPort"],
                protocol: r.props["ipProtocol"],
              },
            ],
            r.urn,
          );
        }
      },
    );
  },
});
