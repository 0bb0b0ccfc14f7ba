/**
 * The site-to-site IPsec VPN between the AWS VPC and the standby VNet: a virtual private gateway
 * and a static-route VPN connection (two tunnels) on AWS; a zone-redundant route-based VPN
 * gateway, one local network gateway per AWS tunnel and an IKEv2 connection per tunnel on Azure.
 * Both sides use one generated pre-shared key (a Pulumi secret) and the same IKE/IPsec proposal.
 * Static routes, not BGP: two fixed, non-overlapping prefixes and no transit make BGP a moving
 * part with nothing to learn.
 */
import * as aws from "@pulumi/aws";
import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { assertValid, collectProblems, nameTag } from "../common";
import { sendDiagnostics } from "../azure/diagnostics";
import { zoneRedundantPublicIp } from "../azure/public-ip";

export type VpnGatewaySku = "VpnGw1AZ" | "VpnGw2AZ" | "VpnGw3AZ" | "VpnGw4AZ" | "VpnGw5AZ";

export interface CrossCloudVpnArgs {
  /** AWS side: the VPC, its CIDR and the route tables that should learn the VNet route. */
  readonly aws: {
    readonly vpcId: pulumi.Input<string>;
    readonly vpcCidr: string;
    /** Route tables to propagate the VNet route into. Default none (see docs/components/dr.md). */
    readonly routeTableIds?: readonly pulumi.Input<string>[];
    /** Security group of the database tier; gets an ingress rule for PostgreSQL from the VNet. Default none. */
    readonly databaseSecurityGroupId?: pulumi.Input<string>;
  };
  /** Azure side. */
  readonly azure: {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly location: string;
    readonly tags: Readonly<Record<string, string>>;
    readonly gatewaySubnetId: pulumi.Input<string>;
    readonly vnetCidr: string;
    /** Zone-redundant SKU. Default VpnGw2AZ. */
    readonly gatewaySku?: VpnGatewaySku;
    readonly workspaceId: pulumi.Input<string>;
  };
}

const SKUS: readonly VpnGatewaySku[] = ["VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"];
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function crossCloudVpnArgsProblems(args: CrossCloudVpnArgs): readonly string[] {
  return collectProblems((p) => {
    if (!CIDR.test(args.aws.vpcCidr))
      p.add("aws.vpcCidr", `expected a CIDR like 10.0.0.0/16; got ${JSON.stringify(args.aws.vpcCidr)}`);
    if (!CIDR.test(args.azure.vnetCidr))
      p.add("azure.vnetCidr", `expected a CIDR like 10.1.0.0/16; got ${JSON.stringify(args.azure.vnetCidr)}`);
    if (args.aws.vpcCidr === args.azure.vnetCidr)
      p.add("azure.vnetCidr", "must differ from aws.vpcCidr (routes need disjoint address spaces)");
    if (args.azure.gatewaySku !== undefined && !SKUS.includes(args.azure.gatewaySku))
      p.add("azure.gatewaySku", `expected one of ${SKUS.join(", ")} (zone-redundant)`);
  });
}

/** One IKEv2 proposal both clouds accept: AES-256, SHA-256, DH group 14 with PFS, 1 h child SAs. */
export const IPSEC_PROPOSAL = {
  azure: {
    ikeEncryption: "AES256",
    ikeIntegrity: "SHA256",
    dhGroup: "DHGroup14",
    ipsecEncryption: "AES256",
    ipsecIntegrity: "SHA256",
    pfsGroup: "PFS2048",
    saLifeTimeSeconds: 3600,
    saDataSizeKilobytes: 102400000,
  },
  aws: {
    ikeVersions: ["ikev2"],
    encryption: ["AES256"],
    integrity: ["SHA2-256"],
    dhGroups: [14],
    phase2LifetimeSeconds: 3600,
  },
} as const;

export class CrossCloudVpn extends pulumi.ComponentResource {
  /** The pre-shared key both sides use (secret). */
  readonly sharedKey: pulumi.Output<string>;
  readonly vpnConnectionId: pulumi.Output<string>;
  readonly azureGatewayPublicIp: pulumi.Output<string>;
  readonly tunnelAddresses: pulumi.Output<string[]>;

  constructor(name: string, args: CrossCloudVpnArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:dr:CrossCloudVpn", name, {}, opts);
    assertValid("platform:dr:CrossCloudVpn", name, crossCloudVpnArgsProblems(args));
    const child = { parent: this };
    const az = args.azure;
    const common = { resourceGroupName: az.resourceGroupName, location: az.location, tags: { ...az.tags } };
    const sku = az.gatewaySku ?? "VpnGw2AZ";

    // AWS pre-shared keys: 8 to 64 of letters, digits, . and _, not starting with 0.
    const key = new random.RandomPassword(
      `${name}-psk`,
      { length: 47, special: false },
      { ...child, additionalSecretOutputs: ["result"] },
    );
    const sharedKey = pulumi.secret(pulumi.interpolate`k${key.result}`);

    const ip = zoneRedundantPublicIp(`${name}-gateway-ip`, common, child);
    const gateway = new network.VirtualNetworkGateway(
      `${name}-gateway`,
      {
        ...common,
        gatewayType: "Vpn",
        vpnType: "RouteBased",
        sku: { name: sku, tier: sku },
        vpnGatewayGeneration: sku === "VpnGw1AZ" ? "Generation1" : "Generation2",
        activeActive: false,
        enableBgp: false,
        ipConfigurations: [
          {
            name: "default",
            privateIPAllocationMethod: "Dynamic",
            publicIPAddress: { id: ip.id },
            subnet: { id: az.gatewaySubnetId },
          },
        ],
      },
      child,
    );
    sendDiagnostics(`${name}-gateway-ip`, ip.id, az.workspaceId, "logs-and-metrics", child);
    sendDiagnostics(`${name}-gateway`, gateway.id, az.workspaceId, "logs-and-metrics", child);
    const azureIp = ip.ipAddress.apply((a) => a ?? "");

    const vgw = new aws.ec2.VpnGateway(
      `${name}-vgw`,
      { vpcId: args.aws.vpcId, amazonSideAsn: "64512", tags: nameTag(`${name}-vgw`) },
      child,
    );
    const cgw = new aws.ec2.CustomerGateway(
      `${name}-cgw`,
      { bgpAsn: "65515", ipAddress: azureIp, type: "ipsec.1", tags: nameTag(`${name}-azure`) },
      child,
    );
    const aws_ = IPSEC_PROPOSAL.aws;
    const tunnel = (n: 1 | 2) => ({
      [`tunnel${n}PresharedKey`]: sharedKey,
      [`tunnel${n}IkeVersions`]: [...aws_.ikeVersions],
      [`tunnel${n}Phase1EncryptionAlgorithms`]: [...aws_.encryption],
      [`tunnel${n}Phase1IntegrityAlgorithms`]: [...aws_.integrity],
      [`tunnel${n}Phase1DhGroupNumbers`]: [...aws_.dhGroups],
      [`tunnel${n}Phase2EncryptionAlgorithms`]: [...aws_.encryption],
      [`tunnel${n}Phase2IntegrityAlgorithms`]: [...aws_.integrity],
      [`tunnel${n}Phase2DhGroupNumbers`]: [...aws_.dhGroups],
      [`tunnel${n}Phase2LifetimeSeconds`]: aws_.phase2LifetimeSeconds,
    });
    const vpn = new aws.ec2.VpnConnection(
      `${name}-connection`,
      {
        vpnGatewayId: vgw.id,
        customerGatewayId: cgw.id,
        type: "ipsec.1",
        staticRoutesOnly: true,
        ...tunnel(1),
        ...tunnel(2),
        tags: nameTag(`${name}-to-azure`),
      },
      child,
    );
    new aws.ec2.VpnConnectionRoute(
      `${name}-route-vnet`,
      { vpnConnectionId: vpn.id, destinationCidrBlock: az.vnetCidr },
      child,
    );
    (args.aws.routeTableIds ?? []).forEach((routeTableId, i) => {
      new aws.ec2.VpnGatewayRoutePropagation(`${name}-propagation-${i}`, { vpnGatewayId: vgw.id, routeTableId }, child);
    });
    if (args.aws.databaseSecurityGroupId !== undefined) {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-postgres-from-vnet`,
        {
          securityGroupId: args.aws.databaseSecurityGroupId,
          cidrIpv4: az.vnetCidr,
          ipProtocol: "tcp",
          fromPort: 5432,
          toPort: 5432,
          description: "Azure standby: logical replication subscriber and failback",
          tags: nameTag(`${name}-postgres-from-vnet`),
        },
        child,
      );
    }

    const tunnels = [vpn.tunnel1Address, vpn.tunnel2Address];
    tunnels.forEach((address, i) => {
      const local = new network.LocalNetworkGateway(
        `${name}-aws-tunnel${i + 1}`,
        {
          ...common,
          gatewayIpAddress: address,
          localNetworkAddressSpace: { addressPrefixes: [args.aws.vpcCidr] },
        },
        child,
      );
      new network.VirtualNetworkGatewayConnection(
        `${name}-aws-tunnel${i + 1}-connection`,
        {
          ...common,
          connectionType: "IPsec",
          connectionProtocol: "IKEv2",
          virtualNetworkGateway1: { id: gateway.id },
          localNetworkGateway2: { id: local.id },
          sharedKey,
          ipsecPolicies: [{ ...IPSEC_PROPOSAL.azure }],
          enableBgp: false,
          // Tunnel 1 carries traffic; tunnel 2 takes over when it drops.
          routingWeight: i === 0 ? 10 : 0,
        },
        child,
      );
    });

    this.sharedKey = sharedKey;
    this.vpnConnectionId = vpn.id;
    this.azureGatewayPublicIp = azureIp;
    this.tunnelAddresses = pulumi.all(tunnels);
    this.registerOutputs({
      sharedKey,
      vpnConnectionId: this.vpnConnectionId,
      azureGatewayPublicIp: azureIp,
      tunnelAddresses: this.tunnelAddresses,
    });
  }
}
