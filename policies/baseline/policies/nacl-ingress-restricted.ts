import { allProtocols, isAnywhere, portRange } from "../../lib/network";
import { asArray, asObject, asString, forTypes, type Props } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const NACL = "aws:ec2/networkAcl:NetworkAcl";
const DEFAULT_NACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl";
const NACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";
/** Administration ports no NACL may open to the internet (FTP data/control, SSH, RDP). */
const ADMIN_PORTS = [20, 21, 22, 3389];

function problem(rule: Props, where: string, actionKey: string): string | undefined {
  if (asString(rule[actionKey])?.toLowerCase() !== "allow") return undefined;
  const cidr = [rule["cidrBlock"], rule["ipv6CidrBlock"]].find(isAnywhere);
  if (cidr === undefined) return undefined;
  if (allProtocols(rule["protocol"]))
    return `${where} allows all traffic from ${cidr}: allow only the ports and sources the subnet needs.`;
  const [from, to] = portRange(rule["fromPort"], rule["toPort"], rule["protocol"]);
  if (from === 0 && to === 65535)
    return `${where} allows every port from ${cidr}: allow only the ports the subnet needs.`;
  // NACLs are stateless: the ephemeral return range (1024-65535) must stay open and is no admin opening.
  const ephemeral = from >= 1024 && to - from > 1024;
  const admin = ephemeral ? [] : ADMIN_PORTS.filter((p) => p >= from && p <= to);
  return admin.length > 0
    ? `${where} opens administration port(s) ${admin.join(", ")} to ${cidr}: remove the rule or restrict its source.`
    : undefined;
}

export const naclIngressRestricted = resourcePolicy({
  name: "nacl-ingress-restricted",
  description:
    "Network ACLs allow no inbound traffic from 0.0.0.0/0 or ::/0 on all protocols, all ports or administration ports (20, 21, 22, 3389).",
  enforcementLevel: "mandatory",
  pci: ["1.3.1", "1.4.2"],
  resourceTypes: [NACL, DEFAULT_NACL, NACL_RULE],
  fix: "Replace allow-all ingress entries with entries for the needed ports and sources (ephemeral return ports stay allowed).",
  covers: { checkov: ["CKV_AWS_229", "CKV_AWS_230", "CKV_AWS_231", "CKV_AWS_232", "CKV_AWS_352"] },
  configSchema: { properties: {} },
  validateResource: forTypes([NACL, DEFAULT_NACL, NACL_RULE], (props, args, report) => {
    if (args.type === NACL_RULE) {
      if (props["egress"] === true) return;
      const p = problem(props, args.name, "ruleAction");
      if (p) report(p);
      return;
    }
    asArray(props["ingress"]).forEach((raw, i) => {
      const p = problem(asObject(raw) ?? {}, `${args.name} ingress[${i}]`, "action");
      if (p) report(p);
    });
  }),
});
