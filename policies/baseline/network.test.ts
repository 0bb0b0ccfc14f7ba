import { describeCases } from "../testing/cases";
import { resource, urnOf } from "../testing/fixtures";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const sg = (ingress: unknown[], tags: Record<string, string> = {}) =>
  resource(SG, "web", { vpcId: "vpc-1", ingress, tags });
const rule = (inputs: Record<string, unknown>, tags: Record<string, string> = {}) => [
  resource(SG, "lb", { vpcId: "vpc-1", tags }),
  resource(
    INGRESS,
    "lb-in",
    { securityGroupId: "sg-1", ipProtocol: "tcp", ...inputs },
    { propertyDependencies: { securityGroupId: [urnOf(SG, "lb")] } },
  ),
];

describeCases("security-group-ingress-restricted", [
  {
    should: "pass ingress from a private CIDR",
    resources: [sg([{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }])],
    violation: null,
  },
  {
    should: "report SSH from 0.0.0.0/0",
    resources: [sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }])],
    violation: /ingress\[0\] opens port 22 to 0\.0\.0\.0\/0/,
  },
  {
    should: "report all traffic from ::/0",
    resources: [sg([{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }])],
    violation: /opens all traffic to ::\/0/,
  },
  {
    should: "report 443 from anywhere on a group not declared a public entry point",
    resources: [sg([{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }])],
    violation: /tag the security group PublicEntryPoint=true/,
  },
  {
    should: "pass 443 from anywhere on a declared public entry point",
    resources: [
      sg([{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }], { PublicEntryPoint: "true" }),
    ],
    violation: null,
  },
  {
    should: "report 80 from anywhere even on a public entry point",
    resources: [
      sg([{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }], { PublicEntryPoint: "true" }),
    ],
    violation: /port 80/,
  },
  {
    should: "report a standalone ingress rule resource open to the internet",
    resources: rule({ cidrIpv4: "0.0.0.0/0", fromPort: 3389, toPort: 3389 }),
    violation: /lb-in opens port 3389/,
  },
  {
    should: "pass a standalone 443 rule on a tagged entry-point group",
    resources: rule({ cidrIpv4: "0.0.0.0/0", fromPort: 443, toPort: 443 }, { PublicEntryPoint: "true" }),
    violation: null,
  },
  {
    should: "report a classic security group rule of type ingress",
    resources: [
      resource(SG_RULE, "r", {
        type: "ingress",
        protocol: "tcp",
        fromPort: 0,
        toPort: 65535,
        cidrBlocks: ["0.0.0.0/0"],
        securityGroupId: "sg-9",
      }),
    ],
    violation: /ports 0-65535/,
  },
  {
    should: "ignore egress rules",
    resources: [
      resource(SG_RULE, "r", {
        type: "egress",
        protocol: "-1",
        fromPort: 0,
        toPort: 0,
        cidrBlocks: ["0.0.0.0/0"],
        securityGroupId: "sg-9",
      }),
    ],
    violation: null,
  },
]);

const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
describeCases("default-security-group-closed", [
  {
    should: "pass a default security group adopted with no rules",
    resources: [resource(DEFAULT_SG, "default", { vpcId: "vpc-1", ingress: [], egress: [] })],
    violation: null,
  },
  {
    should: "report a default security group that keeps a rule",
    resources: [
      resource(DEFAULT_SG, "default", {
        vpcId: "vpc-1",
        ingress: [{ protocol: "-1", self: true, fromPort: 0, toPort: 0 }],
        egress: [],
      }),
    ],
    violation: /keeps 1 ingress rule/,
  },
  {
    should: "report a rule resource attached to the default security group",
    resources: [
      resource(DEFAULT_SG, "default", { vpcId: "vpc-1", ingress: [], egress: [] }),
      resource(
        INGRESS,
        "sneaky",
        { securityGroupId: "sg-d", cidrIpv4: "10.0.0.0/8", ipProtocol: "-1" },
        { propertyDependencies: { securityGroupId: [urnOf(DEFAULT_SG, "default")] } },
      ),
    ],
    violation: /sneaky adds a rule to the default security group/,
  },
]);

const NACL = "aws:ec2/networkAcl:NetworkAcl";
const NACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";
describeCases("nacl-ingress-restricted", [
  {
    should: "pass an ingress entry for ephemeral ports from anywhere",
    resources: [
      resource(NACL, "acl", {
        vpcId: "vpc-1",
        ingress: [
          { action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "0.0.0.0/0", ruleNo: 100 },
        ],
      }),
    ],
    violation: null,
  },
  {
    should: "report an allow-all ingress entry",
    resources: [
      resource(NACL, "acl", {
        vpcId: "vpc-1",
        ingress: [{ action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0", ruleNo: 100 }],
      }),
    ],
    violation: /allows all traffic/,
  },
  {
    should: "report SSH open to the internet",
    resources: [
      resource(NACL_RULE, "ssh", {
        networkAclId: "acl-1",
        ruleNumber: 100,
        egress: false,
        protocol: "tcp",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
        fromPort: 22,
        toPort: 22,
      }),
    ],
    violation: /administration port\(s\) 22/,
  },
  {
    should: "ignore a deny entry",
    resources: [
      resource(NACL_RULE, "deny", {
        networkAclId: "acl-1",
        ruleNumber: 100,
        egress: false,
        protocol: "-1",
        ruleAction: "deny",
        cidrBlock: "0.0.0.0/0",
      }),
    ],
    violation: null,
  },
  {
    should: "ignore egress entries",
    resources: [
      resource(NACL_RULE, "out", {
        networkAclId: "acl-1",
        ruleNumber: 100,
        egress: true,
        protocol: "-1",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
      }),
    ],
    violation: null,
  },
]);

const NSG = "azure-native:network:NetworkSecurityGroup";
const rules = (...securityRules: Record<string, unknown>[]) => ({ resourceGroupName: "rg", securityRules });
const inbound = {
  direction: "Inbound",
  access: "Allow",
  protocol: "Tcp",
  sourcePortRange: "*",
  destinationAddressPrefix: "*",
  priority: 100,
  name: "r",
};
/** Microsoft's required Bastion rules (components/azure/network.ts) on an NSG attached to `subnet`. */
function bastionNsg(extra?: Record<string, unknown>, tags: Record<string, string> = {}, subnet = "AzureBastionSubnet") {
  const clients = {
    ...inbound,
    name: "AllowHttpsInbound",
    sourceAddressPrefix: "Internet",
    destinationPortRange: "443",
  };
  const gateway = {
    ...clients,
    name: "AllowGatewayManagerInbound",
    priority: 110,
    sourceAddressPrefix: "GatewayManager",
  };
  const nsgId =
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/bastion-nsg1a2b3c4d";
  return [
    resource(NSG, "bastion-nsg", { ...rules(clients, gateway, ...(extra ? [extra] : [])), tags }),
    resource(
      "azure-native:network:VirtualNetwork",
      "vnet",
      {
        resourceGroupName: "rg",
        subnets: [{ name: subnet, addressPrefix: "10.1.4.0/26", networkSecurityGroup: { id: nsgId } }],
      },
      { propertyDependencies: { subnets: [urnOf(NSG, "bastion-nsg")] } },
    ),
  ];
}
describeCases("nsg-ingress-restricted", [
  {
    should: "pass inbound from a VNet prefix",
    resources: [
      resource(NSG, "nsg", rules({ ...inbound, sourceAddressPrefix: "10.1.0.0/24", destinationPortRange: "5432" })),
    ],
    violation: null,
  },
  {
    should: "pass a deny of Internet",
    resources: [
      resource(
        NSG,
        "nsg",
        rules({ ...inbound, access: "Deny", sourceAddressPrefix: "Internet", destinationPortRange: "*" }),
      ),
    ],
    violation: null,
  },
  {
    should: "report RDP from Internet",
    resources: [
      resource(NSG, "nsg", rules({ ...inbound, sourceAddressPrefix: "Internet", destinationPortRange: "3389" })),
    ],
    violation: /allows inbound traffic from Internet/,
  },
  {
    should: "report any port from *",
    resources: [resource(NSG, "nsg", rules({ ...inbound, sourceAddressPrefix: "*", destinationPortRange: "*" }))],
    violation: /allows inbound traffic/,
  },
  {
    should: "report 443 from Internet on an NSG not declared a public entry point",
    resources: [
      resource(NSG, "nsg", rules({ ...inbound, sourceAddressPrefix: "Internet", destinationPortRange: "443" })),
    ],
    violation: /tag the NSG PublicEntryPoint=true/,
  },
  {
    should: "pass 443 from Internet on a declared public entry point",
    resources: [
      resource(NSG, "nsg", {
        ...rules({ ...inbound, sourceAddressPrefix: "Internet", destinationPortRange: "443" }),
        tags: { PublicEntryPoint: "true" },
      }),
    ],
    violation: null,
  },
  {
    should: "pass Microsoft's Bastion rule set on the NSG of AzureBastionSubnet without a tag",
    resources: bastionNsg(),
    violation: null,
  },
  {
    should: "pass the Bastion rule set on the NSG of a standalone AzureBastionSubnet subnet",
    resources: [
      bastionNsg()[0],
      resource(
        "azure-native:network:Subnet",
        "bastion-subnet",
        { resourceGroupName: "rg", virtualNetworkName: "vnet", subnetName: "AzureBastionSubnet" },
        { propertyDependencies: { networkSecurityGroup: [urnOf(NSG, "bastion-nsg")] } },
      ),
    ],
    violation: null,
  },
  {
    should: "report a second internet rule on the Bastion subnet's NSG even when it is tagged a public entry point",
    resources: bastionNsg(
      {
        ...inbound,
        name: "AllowHttpsAnyProtocol",
        priority: 150,
        protocol: "*",
        sourceAddressPrefix: "Internet",
        destinationPortRange: "443",
      },
      { PublicEntryPoint: "true" },
    ),
    violation: /AllowHttpsAnyProtocol allows inbound traffic from the internet on the NSG of AzureBastionSubnet/,
  },
  {
    should: "report Bastion's internet rule on an NSG of another subnet",
    resources: bastionNsg(undefined, {}, "management"),
    violation: /tag the NSG PublicEntryPoint=true/,
  },
  {
    should: "read a rule among sourceAddressPrefixes",
    resources: [
      resource(
        NSG,
        "nsg",
        rules({ ...inbound, sourceAddressPrefixes: ["10.0.0.0/8", "0.0.0.0/0"], destinationPortRange: "22" }),
      ),
    ],
    violation: /allows inbound/,
  },
  {
    should: "report a standalone security rule resource",
    resources: [
      resource("azure-native:network:SecurityRule", "ssh", {
        ...inbound,
        resourceGroupName: "rg",
        networkSecurityGroupName: "nsg",
        sourceAddressPrefix: "Any",
        destinationPortRange: "22",
      }),
    ],
    violation: /ssh allows inbound/,
  },
]);
