/**
 * The standby VNet: four subnets (apps with Flex Consumption integration, the delegated
 * PostgreSQL subnet, private endpoints, GatewaySubnet), an NSG on every non-gateway subnet that
 * denies the internet and everything not needed, a NAT gateway for the apps' egress, and the
 * private DNS zones the private endpoints and the PostgreSQL server resolve through.
 */
import * as network from "@pulumi/azure-native/network";
import type * as inputs from "@pulumi/azure-native/types/input";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";
import { SUBNET_NAMES, standbySubnets, type StandbySubnet } from "./addressing";
import { sendDiagnostics } from "./diagnostics";

export interface StandbyNetworkArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** ARM location of every regional resource. Required. */
  readonly location: string;
  /** Tags for every taggable resource (azure-native has no provider default tags). Required. */
  readonly tags: Readonly<Record<string, string>>;
  /** VNet address space, /16 to /24. Required. */
  readonly vnetCidr: string;
  /** The AWS VPC CIDR: the only outside network allowed to reach PostgreSQL (over the VPN). Required. */
  readonly awsVpcCidr: string;
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

const inbound = (name: string, priority: number, access: "Allow" | "Deny", source: string, destination: string, port: string, protocol = "Tcp"): Rule => ({
  name, priority, access, direction: "Inbound", protocol, sourceAddressPrefix: source, sourcePortRange: "*", destinationAddressPrefix: destination, destinationPortRange: port,
});

/** Inbound rules per subnet; the two deny rules end every list (they beat Azure's AllowVnetInBound at 65000). */
export function nsgRules(subnet: Exclude<StandbySubnet, "gateway">, cidrs: Readonly<Record<StandbySubnet, string>>, awsVpcCidr: string): Rule[] {
  const allow: Record<Exclude<StandbySubnet, "gateway">, Rule[]> = {
    // Regional VNet integration is outbound only: nothing may connect in.
    apps: [],
    postgres: [
      inbound("AllowPostgresFromApps", 100, "Allow", cidrs.apps, cidrs.postgres, "5432"),
      inbound("AllowPostgresFromAwsVpc", 110, "Allow", awsVpcCidr, cidrs.postgres, "5432"),
      // Zone-redundant HA replicates between the primary and standby inside the subnet.
      inbound("AllowWithinPostgresSubnet", 120, "Allow", cidrs.postgres, cidrs.postgres, "*", "*"),
    ],
    endpoints: [
      inbound("AllowHttpsFromApps", 100, "Allow", cidrs.apps, cidrs.endpoints, "443"),
      inbound("AllowHttpsFromPostgres", 110, "Allow", cidrs.postgres, cidrs.endpoints, "443"),
    ],
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
    if (!cidrs) throw new pulumi.RunError(`platform:azure:StandbyNetwork "${name}": vnetCidr ${args.vnetCidr} must be a /16 to /24 network`);
    const common = { resourceGroupName: args.resourceGroupName, location: args.location, tags: { ...args.tags } };
    const child = { parent: this };

    const nsgs = {} as Record<Exclude<StandbySubnet, "gateway">, network.NetworkSecurityGroup>;
    for (const subnet of ["apps", "postgres", "endpoints"] as const) {
      nsgs[subnet] = new network.NetworkSecurityGroup(`${name}-${subnet}-nsg`, { ...common, securityRules: nsgRules(subnet, cidrs, args.awsVpcCidr) }, child);
      sendDiagnostics(`${name}-${subnet}-nsg`, nsgs[subnet].id, args.workspaceId, "logs", child);
    }

    const natIp = new network.PublicIPAddress(`${name}-nat-ip`, {
      ...common, sku: { name: "Standard", tier: "Regional" }, publicIPAllocationMethod: "Static", publicIPAddressVersion: "IPv4", zones: ["1", "2", "3"],
    }, child);
    sendDiagnostics(`${name}-nat-ip`, natIp.id, args.workspaceId, "logs-and-metrics", child);
    const nat = new network.NatGateway(`${name}-nat`, { ...common, sku: { name: "Standard" }, publicIpAddresses: [{ id: natIp.id }], idleTimeoutInMinutes: 4 }, child);

    const vnet = new network.VirtualNetwork(`${name}-vnet`, {
      ...common,
      addressSpace: { addressPrefixes: [args.vnetCidr] },
      subnets: [
        { name: SUBNET_NAMES.apps, addressPrefix: cidrs.apps, networkSecurityGroup: { id: nsgs.apps.id }, natGateway: { id: nat.id }, defaultOutboundAccess: false,
          delegations: [{ name: "flex-consumption", serviceName: "Microsoft.App/environments" }] },
        { name: SUBNET_NAMES.postgres, addressPrefix: cidrs.postgres, networkSecurityGroup: { id: nsgs.postgres.id }, defaultOutboundAccess: false,
          delegations: [{ name: "postgres-flexible", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }] },
        { name: SUBNET_NAMES.endpoints, addressPrefix: cidrs.endpoints, networkSecurityGroup: { id: nsgs.endpoints.id }, defaultOutboundAccess: false,
          // Makes the NSG apply to private endpoint traffic too.
          privateEndpointNetworkPolicies: "Enabled" },
        { name: SUBNET_NAMES.gateway, addressPrefix: cidrs.gateway },
      ],
    }, child);

    const zoneNames: Record<PrivateZone, string> = { ...PRIVATE_LINK_ZONES, postgres: `${args.postgresServerName}.private.postgres.database.azure.com` };
    const privateZoneIds = {} as Record<PrivateZone, pulumi.Output<string>>;
    for (const [zone, zoneName] of Object.entries(zoneNames) as [PrivateZone, string][]) {
      const z = new privatedns.PrivateZone(`${name}-${zone}-zone`, { resourceGroupName: args.resourceGroupName, privateZoneName: zoneName, location: "global", tags: { ...args.tags } }, child);
      new privatedns.VirtualNetworkLink(`${name}-${zone}-zone-link`, {
        resourceGroupName: args.resourceGroupName, privateZoneName: z.name, location: "global", registrationEnabled: false, virtualNetwork: { id: vnet.id }, tags: { ...args.tags },
      }, child);
      privateZoneIds[zone] = z.id;
    }

    this.vnetId = vnet.id;
    this.vnetName = vnet.name;
    this.subnetCidrs = cidrs;
    this.subnetIds = Object.fromEntries(
      (Object.keys(SUBNET_NAMES) as StandbySubnet[]).map((s) => [s, pulumi.interpolate`${vnet.id}/subnets/${SUBNET_NAMES[s]}`]),
    ) as Record<StandbySubnet, pulumi.Output<string>>;
    this.privateZoneIds = privateZoneIds;
    this.natPublicIp = natIp.ipAddress.apply((ip) => ip ?? "");
    this.registerOutputs({ vnetId: this.vnetId, vnetName: this.vnetName, subnetIds: this.subnetIds, privateZoneIds, natPublicIp: this.natPublicIp });
  }
}
