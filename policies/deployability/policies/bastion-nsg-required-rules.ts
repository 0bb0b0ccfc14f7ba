/**
 * An NSG on AzureBastionSubnet must carry Microsoft's required rules, or Azure refuses it: "If
 * you create and apply an NSG to AzureBastionSubnet, make sure you have added the following rules
 * in your NSG. If you do not add these rules, the NSG creation/update will fail"
 * (https://learn.microsoft.com/azure/bastion/bastion-nsg; ARM answers
 * NetworkSecurityGroupNotCompliantForAzureBastionSubnet). Required: inbound 443 from Internet,
 * from GatewayManager and from AzureLoadBalancer, inbound and outbound 8080/5701 within the VNet
 * (the data plane), outbound 22/3389 to VirtualNetwork, 443 to AzureCloud and 80 to Internet.
 * The mock engine accepts any rule set. The baseline pack's nsg-ingress-restricted keeps the
 * internet side to exactly the first rule.
 *
 * Sources: https://learn.microsoft.com/azure/bastion/bastion-nsg, issue 12 Must exist 4.
 */
import { allows, BASTION_NSG_DOC, BASTION_REQUIRED_RULES, BASTION_SUBNET, bastionSubnetNsgs } from "../../lib/bastion";
import { judgeEach } from "../../lib/judge";
import { azureRule } from "../../lib/network";
import { asArray, baseType, peek } from "../../lib/props";
import { stackPolicy } from "../../lib/types";

const NSG = "azure-native:network:NetworkSecurityGroup";
const RULE = "azure-native:network:SecurityRule";

export const bastionNsgRequiredRules = stackPolicy({
  name: "bastion-nsg-required-rules",
  description:
    "An NSG attached to AzureBastionSubnet carries every rule Azure Bastion requires (Azure refuses the NSG otherwise).",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: [NSG, RULE, "azure-native:network:VirtualNetwork", "azure-native:network:Subnet"],
  fix:
    `Give the NSG of ${BASTION_SUBNET} Microsoft's rules (${BASTION_NSG_DOC}): inbound TCP 443 from ` +
    "Internet, GatewayManager and AzureLoadBalancer, 8080/5701 VirtualNetwork to VirtualNetwork both ways, " +
    "outbound 22/3389 to VirtualNetwork, 443 to AzureCloud and 80 to Internet.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const attached = bastionSubnetNsgs(args.resources);
    const standalone = args.resources.filter((r) => baseType(r.type) === RULE);
    judgeEach(
      args.resources.filter((r) => attached.has(r.urn)),
      report,
      (nsg) => {
        const own = asArray(peek(nsg.props, "securityRules")).map(azureRule);
        // Standalone SecurityRule resources of this NSG count too (linked by dependency).
        const extra = standalone
          .filter((s) => (s.propertyDependencies["networkSecurityGroupName"] ?? []).some((d) => d.urn === nsg.urn))
          .map((s) => s.props);
        const rules = [...own, ...extra];
        const missing = BASTION_REQUIRED_RULES.filter((shape) => !rules.some((rule) => allows(rule, shape)));
        if (missing.length === 0) return;
        report(
          `${nsg.name} is the NSG of ${BASTION_SUBNET} but lacks ${missing
            .map(
              (m) =>
                `${m.name} (${m.direction.toLowerCase()} ${m.ports.join("/")} ${m.direction === "Inbound" ? `from ${m.source}` : `to ${m.destination}`})`,
            )
            .join(", ")}: Azure refuses the NSG without them (${BASTION_NSG_DOC}); add the missing rules.`,
          nsg.urn,
        );
      },
    );
  },
});
