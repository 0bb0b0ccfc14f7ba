/**
 * The standby VNet: apps (Flex Consumption integration), the delegated PostgreSQL subnet,
 * private endpoints, GatewaySubnet, AzureBastionSubnet, management (the operators' jump host)
 * and the two DNS Private Resolver subnets; an NSG on every non-gateway subnet that denies the
 * internet and everything not needed, a NAT gateway for the apps' and jump host's egress, and
 * the private DNS zones the private endpoints and the PostgreSQL server resolve through.
 */
import * as network from "@pulumi/azure-native/network";
import type * as inputs from "@pulumi/azure-native/types/input";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";
import { SUBNET_NAMES, standbySubnets, type StandbySubnet } from "./addressing";
import { PUBLIC_ENTRY_POINT_TAG } from "../../platform-rules/entry-point";
import { sendDiagnostics } from "./diagnostics";

export interface StandbyNetworkArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** ARM location of every regional resource. Required. */
  readonly location: string;
  /** Tags for every taggable resource (azure-native has no provider default tags). Required. */
  readonly tags: Readonly<Record<string, string>>;
  /** VNet address space, /16 to /24. Required. */
  readonly vnetCidr: string;
  /** The AWS VPC CIDR (DNS queries from the Route 53 Resolver outbound endpoint come from it). Required. */
  readonly awsVpcCidr: string;
  /**
   * The AWS subnets that connect to PostgreSQL over the VPN (the DR monitor's app subnets and
   * Aurora's data subnets, for failback): only they may reach 5432. Required (at least one).
   */
  readonly awsPostgresClientCidrs: pulumi.Input<pulumi.Input<string>[]>;
  /** PostgreSQL server name; its private zone is `<name>.private.postgres.database.azure.com`. Required. */
  readonly postgresServerName: string;
  /** Log Analytics workspace for NSG and public IP diagnostics. Required. */
  readonly workspaceId: pulumi.Input<string>;
}

/** Private DNS zones by the service they resolve. */
export type PrivateZone = "vault" | "blob" | "queue" | "postgres";

const PRIVATE_LINK_ZONES: Readonly<Record<Exclude<PrivateZone, "postgres">, string>> = {
  vault: "privatelink.vaultcore.azure.net",
  blob: "privatelink.blob.core.windows.net",
  queue: "privatelink.queue.core.windows.net",
};

type Rule = inputs.network.SecurityRuleArgs;
type NsgSubnet = Exclude<StandbySubnet, "gateway">;

const rule =
  (direction: "Inbound" | "Outbound") =>
  (
    name: string,
    priority: number,
    access: "Allow" | "Deny",
    source: string,
    destination: string,
    port: string,
    protocol = "Tcp",
  ): Rule => ({
    name,
    priority,
    access,
    direction,
    protocol,
    sourceAddressPrefix: source,
    sourcePortRange: "*",
    destinationAddressPrefix: destination,
    destinationPortRange: port,
  });
const inbound = rule("Inbound");
const outbound = rule("Outbound");

/**
 * Azure Bastion's subnet NSG must carry exactly these flows or the service refuses the NSG
 * (https://learn.microsoft.com/azure/bastion/bastion-nsg): clients on 443, the control plane
 * (GatewayManager) and the load balancer probes, data plane 8080/5701 inside the VNet; out to
 * the targets on 22/3389, to AzureCloud on 443 and to the internet on 80 (session information).
 */
const BASTION_RULES: Rule[] = [
  inbound("AllowHttpsInbound", 100, "Allow", "Internet", "*", "443"),
  inbound("AllowGatewayManagerInbound", 110, "Allow", "GatewayManager", "*", "443"),
  inbound("AllowAzureLoadBalancerInbound", 120, "Allow", "AzureLoadBalancer", "*", "443"),
  {
    ...inbound("AllowBastionHostCommunication", 130, "Allow", "VirtualNetwork", "VirtualNetwork", "*", "*"),
    destinationPortRange: undefined,
    destinationPortRanges: ["8080", "5701"],
  },
  {
    ...outbound("AllowSshRdpOutbound", 100, "Allow", "*", "VirtualNetwork", "*"),
    destinationPortRange: undefined,
    destinationPortRanges: ["22", "3389"],
  },
  outbound("AllowAzureCloudOutbound", 110, "Allow", "*", "AzureCloud", "443"),
  {
    ...outbound("AllowBastionCommunication", 120, "Allow", "VirtualNetwork", "VirtualNetwork", "*", "*"),
    destinationPortRange: undefined,
    destinationPortRanges: ["8080", "5701"],
  },
  outbound("AllowHttpOutbound", 130, "Allow", "*", "Internet", "80"),
];

/**
 * Inbound rules per subnet; the two deny rules end every list (they beat Azure's
 * AllowVnetInBound at 65000). PostgreSQL admits the apps, the jump host and exactly the AWS
 * subnets that connect to it, not the whole VPC.
 */
export function nsgRules(
  subnet: NsgSubnet,
  cidrs: Readonly<Record<StandbySubnet, string>>,
  aws: { readonly vpcCidr: string; readonly postgresClientCidrs: pulumi.Input<pulumi.Input<string>[]> },
): Rule[] {
  const allow: Record<NsgSubnet, Rule[]> = {
    // Regional VNet integration is outbound only: nothing may connect in.
    apps: [],
    postgres: [
      inbound("AllowPostgresFromApps", 100, "Allow", cidrs.apps, cidrs.postgres, "5432"),
      {
        ...inbound("AllowPostgresFromAwsClients", 110, "Allow", "*", cidrs.postgres, "5432"),
        sourceAddressPrefix: undefined,
        sourceAddressPrefixes: aws.postgresClientCidrs,
      },
      // Zone-redundant HA replicates between the primary and standby inside the subnet.
      inbound("AllowWithinPostgresSubnet", 120, "Allow", cidrs.postgres, cidrs.postgres, "*", "*"),
      inbound("AllowPostgresFromJumpHost", 130, "Allow", cidrs.management, cidrs.postgres, "5432"),
    ],
    endpoints: [
      inbound("AllowHttpsFromApps", 100, "Allow", cidrs.apps, cidrs.endpoints, "443"),
      inbound("AllowHttpsFromPostgres", 110, "Allow", cidrs.postgres, cidrs.endpoints, "443"),
      // Operators read and write Key Vault secrets through its private endpoint.
      inbound("AllowHttpsFromJumpHost", 120, "Allow", cidrs.management, cidrs.endpoints, "443"),
    ],
    bastion: BASTION_RULES,
    // SSH only from Azure Bastion: the jump host has no public IP.
    management: [inbound("AllowSshFromBastion", 100, "Allow", cidrs.bastion, cidrs.management, "22")],
    // The Route 53 Resolver outbound endpoint (in the AWS VPC) forwards queries for Azure's private names.
    dnsInbound: [
      inbound("AllowDnsTcpFromAwsVpc", 100, "Allow", aws.vpcCidr, cidrs.dnsInbound, "53"),
      inbound("AllowDnsUdpFromAwsVpc", 110, "Allow", aws.vpcCidr, cidrs.dnsInbound, "53", "Udp"),
    ],
    dnsOutbound: [],
  };
  return [
    ...allow[subnet],
    inbound("DenyInternetInbound", 4000, "Deny", "Internet", "*", "*", "*"),
    inbound("DenyAllOtherInbound", 4096, "Deny", "*", "*", "*", "*"),
  ];
}

export class StandbyNetwork extends pulumi.ComponentResource {
  readonly vnetId: pulumi.Output<string>;
  readonly vnetName: pulumi.Output<string>;
  readonly subnetIds: Readonly<Record<StandbySubnet, pulumi.Output<string>>>;
  readonly subnetCidrs: Readonly<Record<StandbySubnet, string>>;
  readonly privateZoneIds: Readonly<Record<PrivateZone, pulumi.Output<string>>>;
  readonly natPublicIp: pulumi.Output<string>;

  constructor(name: string, args: StandbyNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:azure:StandbyNetwork", name, {}, opts);
    const cidrs = standbySubnets(args.vnetCidr);
    if (!cidrs)
      throw new pulumi.RunError(
        `platform:azure:StandbyNetwork "${name}": vnetCidr ${args.vnetCidr} must be a /16 to /21 network`,
      );
    const common = { resourceGroupName: args.resourceGroupName, location: args.location, tags: { ...args.tags } };
    const child = { parent: this };

    const nsgs = {} as Record<NsgSubnet, network.NetworkSecurityGroup>;
    const aws = { vpcCidr: args.awsVpcCidr, postgresClientCidrs: args.awsPostgresClientCidrs };
    for (const subnet of [
      "apps",
      "postgres",
      "endpoints",
      "bastion",
      "management",
      "dnsInbound",
      "dnsOutbound",
    ] as const) {
      nsgs[subnet] = new network.NetworkSecurityGroup(
        `${name}-${subnet}-nsg`,
        {
          ...common,
          // Bastion's subnet is the operators' one deliberate internet entry point (TCP 443,
          // Microsoft's required rule): declared on the resource for every inventory, and so the
          // baseline pack can tell before the subnet's NSG id is known (the first preview).
          tags: subnet === "bastion" ? { ...common.tags, [PUBLIC_ENTRY_POINT_TAG]: "true" } : common.tags,
          securityRules: nsgRules(subnet, cidrs, aws),
        },
        child,
      );
      sendDiagnostics(`${name}-${subnet}-nsg`, nsgs[subnet].id, args.workspaceId, "logs", child);
    }

    const natIp = new network.PublicIPAddress(
      `${name}-nat-ip`,
      {
        ...common,
        sku: { name: "Standard", tier: "Regional" },
        publicIPAllocationMethod: "Static",
        publicIPAddressVersion: "IPv4",
        zones: ["1", "2", "3"],
      },
      child,
    );
    sendDiagnostics(`${name}-nat-ip`, natIp.id, args.workspaceId, "logs-and-metrics", child);
    const nat = new network.NatGateway(
      `${name}-nat`,
      { ...common, sku: { name: "Standard" }, publicIpAddresses: [{ id: natIp.id }], idleTimeoutInMinutes: 4 },
      child,
    );

    const vnet = new network.VirtualNetwork(
      `${name}-vnet`,
      {
        ...common,
        addressSpace: { addressPrefixes: [args.vnetCidr] },
        subnets: [
          {
            name: SUBNET_NAMES.apps,
            addressPrefix: cidrs.apps,
            networkSecurityGroup: { id: nsgs.apps.id },
            natGateway: { id: nat.id },
            defaultOutboundAccess: false,
            delegations: [{ name: "flex-consumption", serviceName: "Microsoft.App/environments" }],
          },
          {
            name: SUBNET_NAMES.postgres,
            addressPrefix: cidrs.postgres,
            networkSecurityGroup: { id: nsgs.postgres.id },
            defaultOutboundAccess: false,
            delegations: [{ name: "postgres-flexible", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }],
          },
          {
            name: SUBNET_NAMES.endpoints,
            addressPrefix: cidrs.endpoints,
            networkSecurityGroup: { id: nsgs.endpoints.id },
            defaultOutboundAccess: false,
            // Makes the NSG apply to private endpoint traffic too.
            privateEndpointNetworkPolicies: "Enabled",
          },
          { name: SUBNET_NAMES.gateway, addressPrefix: cidrs.gateway },
          { name: SUBNET_NAMES.bastion, addressPrefix: cidrs.bastion, networkSecurityGroup: { id: nsgs.bastion.id } },
          {
            name: SUBNET_NAMES.management,
            addressPrefix: cidrs.management,
            networkSecurityGroup: { id: nsgs.management.id },
            natGateway: { id: nat.id },
            defaultOutboundAccess: false,
          },
          ...(["dnsInbound", "dnsOutbound"] as const).map((s) => ({
            name: SUBNET_NAMES[s],
            addressPrefix: cidrs[s],
            networkSecurityGroup: { id: nsgs[s].id },
            defaultOutboundAccess: false,
            delegations: [{ name: "dns-resolver", serviceName: "Microsoft.Network/dnsResolvers" }],
          })),
        ],
      },
      child,
    );

    const zoneNames: Record<PrivateZone, string> = {
      ...PRIVATE_LINK_ZONES,
      postgres: `${args.postgresServerName}.private.postgres.database.azure.com`,
    };
    const privateZoneIds = {} as Record<PrivateZone, pulumi.Output<string>>;
    for (const [zone, zoneName] of Object.entries(zoneNames) as [PrivateZone, string][]) {
      const z = new privatedns.PrivateZone(
        `${name}-${zone}-zone`,
        {
          resourceGroupName: args.resourceGroupName,
          privateZoneName: zoneName,
          location: "global",
          tags: { ...args.tags },
        },
        child,
      );
      new privatedns.VirtualNetworkLink(
        `${name}-${zone}-zone-link`,
        {
          resourceGroupName: args.resourceGroupName,
          privateZoneName: z.name,
          location: "global",
          registrationEnabled: false,
          virtualNetwork: { id: vnet.id },
          tags: { ...args.tags },
        },
        child,
      );
      privateZoneIds[zone] = z.id;
    }

    this.vnetId = vnet.id;
    this.vnetName = vnet.name;
    this.subnetCidrs = cidrs;
    this.subnetIds = Object.fromEntries(
      (Object.keys(SUBNET_NAMES) as StandbySubnet[]).map((s) => [
        s,
        pulumi.interpolate`${vnet.id}/subnets/${SUBNET_NAMES[s]}`,
      ]),
    ) as Record<StandbySubnet, pulumi.Output<string>>;
    this.privateZoneIds = privateZoneIds;
    this.natPublicIp = natIp.ipAddress.apply((ip) => ip ?? "");
    this.registerOutputs({
      vnetId: this.vnetId,
      vnetName: this.vnetName,
      subnetIds: this.subnetIds,
      privateZoneIds,
      natPublicIp: this.natPublicIp,
    });
  }
}
