/**
 * Inbound internet rules on Azure NSGs. Two exposures are deliberate: HTTPS on an NSG declared a
 * public entry point (tag PublicEntryPoint=true), and Azure Bastion's client rule on the NSG of
 * AzureBastionSubnet, which Microsoft requires (inbound TCP 443 from Internet, with
 * GatewayManager, AzureLoadBalancer and the VNet data plane on 8080/5701; none of those is the
 * internet: https://learn.microsoft.com/azure/bastion/bastion-nsg). On the Bastion subnet's NSG
 * that one rule is all the internet may reach: any other internet rule (another port, UDP, any
 * protocol) is reported, tag or not.
 */
import { BASTION_NSG_DOC, BASTION_SUBNET, bastionSubnetNsgs, isBastionClientRule } from "../../lib/bastion";
import { isPublicEntryPoint, PUBLIC_ENTRY_POINT_TAG } from "../../lib/entry-point";
import { judgeEach } from "../../lib/judge";
import {
  AZURE_ANYWHERE,
  azurePortRanges,
  azurePrefixes,
  azureRule,
  lowerText as lower,
  onlyPort,
} from "../../lib/network";
import { asArray, asObject, asString, baseType, linkedThrough, peek, type Props } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const NSG = "azure-native:network:NetworkSecurityGroup";
const RULE = "azure-native:network:SecurityRule";

/** An inbound Allow rule whose source is any address or the Internet service tag. */
function fromInternet(rule: Props): boolean {
  if (lower(rule["direction"]) !== "inbound" || lower(rule["access"]) !== "allow") return false;
  return azurePrefixes(rule, "source").some((s) => AZURE_ANYWHERE.includes(s));
}

export const nsgIngressRestricted = stackPolicy({
  name: "nsg-ingress-restricted",
  description:
    "Network security groups allow no inbound traffic from Internet, * or 0.0.0.0/0, except HTTPS (443) on an NSG " +
    "declared a public entry point, and exactly Azure Bastion's required TCP 443 rule on the NSG of AzureBastionSubnet.",
  enforcementLevel: "mandatory",
  pci: ["1.3.1", "1.4.1", "1.4.2"],
  resourceTypes: [NSG, RULE, "azure-native:network:VirtualNetwork", "azure-native:network:Subnet"],
  fix:
    `Allow inbound only from specific prefixes or service tags; the NSG of an internet-facing ` +
    `gateway may allow 443 if tagged ${PUBLIC_ENTRY_POINT_TAG}=true; the NSG of ${BASTION_SUBNET} may allow ` +
    `only Bastion's inbound TCP 443 from Internet (${BASTION_NSG_DOC}).`,
  covers: { checkov: ["CKV_AZURE_9", "CKV_AZURE_10", "CKV_AZURE_77", "CKV_AZURE_160"] },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const groups = args.resources.filter((r) => baseType(r.type) === NSG);
    const bastion = bastionSubnetNsgs(args.resources);
    const judge = (owner: PolicyResource | undefined, rule: Props, where: string, urn: string): void => {
      if (!fromInternet(rule)) return;
      if (owner && bastion.has(owner.urn)) {
        if (isBastionClientRule(rule)) return;
        report(
          `${where} allows inbound traffic from the internet on the NSG of ${BASTION_SUBNET}, beyond ` +
            `Bastion's one required internet rule (TCP 443 only; ${BASTION_NSG_DOC}): remove it, or ` +
            `narrow it to protocol Tcp and destination port 443.`,
          urn,
        );
        return;
      }
      const https =
        lower(rule["protocol"]) !== "udp" &&
        onlyPort(azurePortRanges(rule["destinationPortRange"], rule["destinationPortRanges"]), 443);
      if (https && owner && isPublicEntryPoint(owner)) return;
      report(
        `${where} allows inbound traffic from ` +
          `${asString(rule["sourceAddressPrefix"]) ?? "the internet"}: restrict sourceAddressPrefix ` +
          `to known prefixes or service tags${https ? `, or tag the NSG ${PUBLIC_ENTRY_POINT_TAG}=true if it fronts the public entry point` : ""}.`,
        urn,
      );
    };
    judgeEach(
      args.resources.filter((r) => baseType(r.type) === NSG || baseType(r.type) === RULE),
      report,
      (r) => {
        if (baseType(r.type) === NSG) {
          asArray(r.props["securityRules"]).forEach((raw, i) => {
            const rule = asObject(raw) ?? {};
            judge(r, azureRule(rule), `${r.name} securityRules[${i}] ${asString(rule["name"]) ?? ""}`.trim(), r.urn);
          });
        } else {
          const owner = linkedThrough(r, "networkSecurityGroupName", groups, (g) => [
            peek(g.props, "networkSecurityGroupName"),
            peek(g.props, "name"),
          ])[0];
          judge(owner, r.props, r.name, r.urn);
        }
      },
    );
  },
});
