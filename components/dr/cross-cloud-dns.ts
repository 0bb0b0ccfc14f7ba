/**
 * Cross-cloud private DNS over the VPN (issue 12, items 5 and 13): each side resolves the other's
 * private names through the other's resolver, with no address written down anywhere.
 *
 *   AWS → Azure: a Route 53 Resolver OUTBOUND endpoint in the VPC and FORWARD rules (associated
 *     with the VPC) send `postgres.database.azure.com` and the other `toAzure` domains to the
 *     Azure DNS Private Resolver's INBOUND endpoint, whose addresses Azure assigns and this reads
 *     from its ipConfigurations. So the DR monitor and Aurora (failback subscription) resolve the
 *     standby server's private A record from its private zone.
 *   Azure → AWS: the Private Resolver's OUTBOUND endpoint and a forwarding ruleset linked to the
 *     VNet send the `toAws` domains (default `<region>.rds.amazonaws.com`) to a Route 53 Resolver
 *     INBOUND endpoint in the VPC, whose addresses AWS assigns (ipAddresses[].ip). So the jump host
 *     and the standby resolve Aurora's endpoint as the VPC sees it.
 * Each endpoint sits in two or more subnets (AWS: one per AZ; Azure: its delegated /28).
 */
import * as aws from "@pulumi/aws";
import * as dnsresolver from "@pulumi/azure-native/dnsresolver";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems, nameTag } from "../common";

export interface CrossCloudDnsArgs {
  readonly aws: {
    readonly vpcId: pulumi.Input<string>;
    /** Subnets of the resolver endpoints' ENIs: at least two, in different AZs (Route 53 requires two). */
    readonly subnetIds: readonly pulumi.Input<string>[];
    /** Provider region, for the default `toAws` domain. */
    readonly region: string;
  };
  readonly azure: {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly location: string;
    readonly tags: Readonly<Record<string, string>>;
    readonly vnetId: pulumi.Input<string>;
    /** The delegated dns-inbound and dns-outbound subnets and their CIDRs (the AWS security groups admit them). */
    readonly inboundSubnet: { readonly id: pulumi.Input<string>; readonly cidr: string };
    readonly outboundSubnet: { readonly id: pulumi.Input<string>; readonly cidr: string };
  };
  /** Azure zones the VPC forwards to Azure. Default postgres.database.azure.com. */
  readonly toAzure?: readonly string[];
  /** AWS zones the VNet forwards to the VPC. Default `<region>.rds.amazonaws.com`. */
  readonly toAws?: readonly string[];
}

const DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/;
export const DEFAULT_TO_AZURE: readonly string[] = ["postgres.database.azure.com"];

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function crossCloudDnsArgsProblems(args: CrossCloudDnsArgs): readonly string[] {
  return collectProblems((p) => {
    if (args.aws.subnetIds.length < 2)
      p.add(
        "aws.subnetIds",
        `Route 53 Resolver endpoints need at least two subnets (in different AZs); got ${args.aws.subnetIds.length}`,
      );
    for (const [field, domains] of [
      ["toAzure", args.toAzure],
      ["toAws", args.toAws],
    ] as const) {
      for (const d of domains ?? [])
        if (!DOMAIN.test(d))
          p.add(field, `${JSON.stringify(d)} is not a domain name like postgres.database.azure.com (no trailing dot)`);
    }
  });
}

export class CrossCloudDns extends pulumi.ComponentResource {
  /** The Azure inbound endpoint's addresses (the AWS rules' targets). */
  readonly azureInboundAddresses: pulumi.Output<string[]>;
  /** The AWS inbound endpoint's addresses (the Azure rules' targets). */
  readonly awsInboundAddresses: pulumi.Output<string[]>;

  constructor(name: string, args: CrossCloudDnsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:dr:CrossCloudDns", name, {}, opts);
    assertValid("platform:dr:CrossCloudDns", name, crossCloudDnsArgsProblems(args));
    const child = { parent: this };
    const az = args.azure;
    const common = { resourceGroupName: az.resourceGroupName, location: az.location, tags: { ...az.tags } };

    // Azure DNS Private Resolver: inbound (answers the VPC) and outbound (asks the VPC).
    const resolver = new dnsresolver.DnsResolver(
      `${name}-resolver`,
      { ...common, virtualNetwork: { id: az.vnetId } },
      child,
    );
    const inbound = new dnsresolver.InboundEndpoint(
      `${name}-inbound`,
      {
        ...common,
        dnsResolverName: resolver.name,
        ipConfigurations: [{ subnet: { id: az.inboundSubnet.id }, privateIpAllocationMethod: "Dynamic" }],
      },
      child,
    );
    const outbound = new dnsresolver.OutboundEndpoint(
      `${name}-outbound`,
      { ...common, dnsResolverName: resolver.name, subnet: { id: az.outboundSubnet.id } },
      child,
    );
    const azureInbound = inbound.ipConfigurations.apply((configs) =>
      configs.map((c) => c.privateIpAddress).filter((ip): ip is string => !!ip),
    );

    // Route 53 Resolver: outbound (to Azure) and inbound (from Azure), each in every given subnet.
    const dnsPorts = (role: "outbound" | "inbound", group: aws.ec2.SecurityGroup, cidr: string, what: string) =>
      (["tcp", "udp"] as const).map((ipProtocol) => {
        const Rule = role === "outbound" ? aws.vpc.SecurityGroupEgressRule : aws.vpc.SecurityGroupIngressRule;
        return new Rule(
          `${name}-${role}-dns-${ipProtocol}`,
          {
            securityGroupId: group.id,
            cidrIpv4: cidr,
            ipProtocol,
            fromPort: 53,
            toPort: 53,
            description: what,
            tags: nameTag(`${name}-${role}-dns-${ipProtocol}`),
          },
          child,
        );
      });
    const outboundGroup = new aws.ec2.SecurityGroup(
      `${name}-outbound-sg`,
      {
        vpcId: args.aws.vpcId,
        description: "Route 53 Resolver outbound: DNS to the Azure Private Resolver inbound endpoint",
        tags: nameTag(`${name}-outbound-sg`),
      },
      child,
    );
    dnsPorts("outbound", outboundGroup, az.inboundSubnet.cidr, "DNS to the Azure Private Resolver inbound endpoint");
    const inboundGroup = new aws.ec2.SecurityGroup(
      `${name}-inbound-sg`,
      {
        vpcId: args.aws.vpcId,
        description: "Route 53 Resolver inbound: DNS from the Azure Private Resolver outbound endpoint",
        tags: nameTag(`${name}-inbound-sg`),
      },
      child,
    );
    dnsPorts("inbound", inboundGroup, az.outboundSubnet.cidr, "DNS from the Azure Private Resolver outbound endpoint");
    const ips = args.aws.subnetIds.map((subnetId) => ({ subnetId }));
    const awsOutbound = new aws.route53.ResolverEndpoint(
      `${name}-aws-outbound`,
      {
        direction: "OUTBOUND",
        securityGroupIds: [outboundGroup.id],
        ipAddresses: ips,
        protocols: ["Do53"],
        tags: nameTag(`${name}-aws-outbound`),
      },
      child,
    );
    const awsInbound = new aws.route53.ResolverEndpoint(
      `${name}-aws-inbound`,
      {
        direction: "INBOUND",
        securityGroupIds: [inboundGroup.id],
        ipAddresses: ips,
        protocols: ["Do53"],
        tags: nameTag(`${name}-aws-inbound`),
      },
      child,
    );
    const awsInboundAddresses = awsInbound.ipAddresses.apply((a) =>
      a.map((x) => x.ip).filter((ip): ip is string => !!ip),
    );

    for (const domain of args.toAzure ?? DEFAULT_TO_AZURE) {
      const label = domain.replace(/\./g, "-");
      const rule = new aws.route53.ResolverRule(
        `${name}-to-azure-${label}`,
        {
          domainName: domain,
          ruleType: "FORWARD",
          resolverEndpointId: awsOutbound.id,
          targetIps: azureInbound.apply((addresses) => addresses.map((ip) => ({ ip, port: 53 }))),
          tags: nameTag(`${name}-to-azure-${label}`),
        },
        child,
      );
      new aws.route53.ResolverRuleAssociation(
        `${name}-to-azure-${label}-vpc`,
        { resolverRuleId: rule.id, vpcId: args.aws.vpcId },
        child,
      );
    }

    const ruleset = new dnsresolver.DnsForwardingRuleset(
      `${name}-ruleset`,
      { ...common, dnsResolverOutboundEndpoints: [{ id: outbound.id }] },
      child,
    );
    for (const domain of args.toAws ?? [`${args.aws.region}.rds.amazonaws.com`]) {
      const label = domain.replace(/\./g, "-");
      new dnsresolver.ForwardingRule(
        `${name}-to-aws-${label}`,
        {
          resourceGroupName: az.resourceGroupName,
          dnsForwardingRulesetName: ruleset.name,
          // Azure wants the fully qualified form, with the trailing dot.
          domainName: `${domain}.`,
          forwardingRuleState: "Enabled",
          targetDnsServers: awsInboundAddresses.apply((addresses) =>
            addresses.map((ipAddress) => ({ ipAddress, port: 53 })),
          ),
        },
        child,
      );
    }
    new dnsresolver.PrivateResolverVirtualNetworkLink(
      `${name}-ruleset-vnet`,
      {
        resourceGroupName: az.resourceGroupName,
        dnsForwardingRulesetName: ruleset.name,
        virtualNetwork: { id: az.vnetId },
      },
      child,
    );

    this.azureInboundAddresses = azureInbound;
    this.awsInboundAddresses = awsInboundAddresses;
    this.registerOutputs({ azureInboundAddresses: azureInbound, awsInboundAddresses });
  }
}
