/**
 * The VPC: public, app and data tiers across AZs (awsx ec2.Vpc), NAT per strategy, S3 and
 * DynamoDB gateway endpoints, interface endpoints in the app tier, flow logs, a closed default
 * security group and least-privilege tier security groups. The data tier is Isolated: awsx
 * gives it no route to an internet or NAT gateway.
 */
import * as aws from "@pulumi/aws";
import * as awsxEc2 from "@pulumi/awsx/ec2";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, nameTag } from "../common";
import { DEFAULT_MASKS, SUBNET_ORDER, networkArgsProblems, type NatStrategy, type NetworkArgs } from "./args";
import { createFlowLogs } from "./flow-logs";
import { noPublicIpOnLaunch } from "./no-public-ip-on-launch";
import { createTierGroups } from "./security-groups";

const NAT: Readonly<Record<NatStrategy, "None" | "Single" | "OnePerAz">> = {
  none: "None",
  single: "Single",
  "one-per-az": "OnePerAz",
};
const SUBNET_TYPE = { app: "Private", data: "Isolated", public: "Public" } as const;
/** Applied by the engine to every child awsx creates (its subnets are not reachable otherwise). */
export const VPC_TRANSFORMS: readonly pulumi.ResourceTransform[] = [noPublicIpOnLaunch];

export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly cidr: string;
  readonly publicSubnetIds: pulumi.Output<string[]>;
  readonly appSubnetIds: pulumi.Output<string[]>;
  readonly dataSubnetIds: pulumi.Output<string[]>;
  /**
   * Route tables of the app and data subnets, one per subnet (awsx gives each subnet its own),
   * for routes that must reach private networks, e.g. VPN route propagation. Looked up by
   * subnet because awsx exposes its route tables only as resources; the count is known up
   * front (two tiers × availability zones), so dependents are not created inside an apply.
   */
  readonly privateRouteTableIds: pulumi.Output<string>[];
  /**
   * Route tables of the public subnets, whose default route goes to the internet gateway (the
   * NAT gateways need it): the only ones NO_UNRESTRICTED_ROUTE_TO_IGW may allow (its routeTableIds).
   */
  readonly publicRouteTableIds: pulumi.Output<string>[];
  readonly appSecurityGroupId: pulumi.Output<string>;
  readonly dataSecurityGroupId: pulumi.Output<string>;
  /** The interface endpoints' group; undefined when the VPC has no interface endpoints. */
  readonly endpointSecurityGroupId: pulumi.Output<string> | undefined;
  readonly flowLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:Network", name, {}, opts);
    assertValid("platform:network:Network", name, networkArgsProblems(args));
    const cidr = (this.cidr = args.cidr ?? "10.0.0.0/16");
    const masks = { ...DEFAULT_MASKS, ...args.subnetMasks };
    const child = { parent: this };

    const vpc = new awsxEc2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: cidr,
        numberOfAvailabilityZones: args.availabilityZones ?? 3,
        enableDnsHostnames: true, // private DNS on interface endpoints needs it
        enableDnsSupport: true,
        subnetStrategy: "Auto",
        subnetSpecs: SUBNET_ORDER.map((tier) => ({ type: SUBNET_TYPE[tier], name: tier, cidrMask: masks[tier] })),
        natGateways: { strategy: NAT[args.natStrategy ?? "one-per-az"] },
        // Gateway endpoints are free and keep S3/DynamoDB traffic off the NAT; "Auto" attaches
        // them to every route table awsx creates (the mock engine cannot show route tables).
        vpcEndpointStrategy: "Auto",
        vpcEndpointSpecs: ["s3", "dynamodb"].map((service) => ({
          serviceName: `com.amazonaws.${args.region}.${service}`,
          vpcEndpointType: "Gateway",
        })),
        tags: nameTag(`${name}-vpc`),
      },
      { ...child, transforms: [...VPC_TRANSFORMS] },
    );

    // A default security group with no rules: anything launched without a group gets no traffic.
    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      { vpcId: vpc.vpcId, ingress: [], egress: [], tags: nameTag(`${name}-default-closed`) },
      child,
    );
    const endpoints = args.interfaceEndpoints ?? [];
    const groups = createTierGroups(name, vpc.vpcId, args.databasePort ?? 5432, this, endpoints.length > 0);

    for (const service of endpoints) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service.replace(/\./g, "-")}-endpoint`,
        {
          vpcId: vpc.vpcId,
          serviceName: `com.amazonaws.${args.region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: vpc.privateSubnetIds,
          securityGroupIds: [groups.endpoints!.id],
          tags: nameTag(`${name}-${service}`),
        },
        child,
      );
    }

    const flowLogs = createFlowLogs(
      name,
      {
        vpcId: vpc.vpcId,
        kmsKeyArn: args.logsKmsKeyArn,
        retentionDays: args.flowLogRetentionDays ?? 365,
        protection: args.protection ?? "retain",
      },
      this,
    );

    this.vpcId = vpc.vpcId;
    this.publicSubnetIds = vpc.publicSubnetIds;
    this.appSubnetIds = vpc.privateSubnetIds;
    this.dataSubnetIds = vpc.isolatedSubnetIds;
    const zones = Array.from({ length: args.availabilityZones ?? 3 }, (_, i) => i);
    this.privateRouteTableIds = [this.appSubnetIds, this.dataSubnetIds].flatMap((subnets) =>
      zones.map(
        (i) => aws.ec2.getRouteTableOutput({ subnetId: subnets.apply((ids) => ids[i]) }, { parent: this }).routeTableId,
      ),
    );
    this.publicRouteTableIds = zones.map(
      (i) =>
        aws.ec2.getRouteTableOutput({ subnetId: this.publicSubnetIds.apply((ids) => ids[i]) }, { parent: this })
          .routeTableId,
    );
    this.appSecurityGroupId = groups.app.id;
    this.dataSecurityGroupId = groups.data.id;
    this.endpointSecurityGroupId = groups.endpoints?.id;
    this.flowLogGroupName = flowLogs.name;
    this.registerOutputs({
      vpcId: this.vpcId,
      publicSubnetIds: this.publicSubnetIds,
      appSubnetIds: this.appSubnetIds,
      dataSubnetIds: this.dataSubnetIds,
      privateRouteTableIds: this.privateRouteTableIds,
      publicRouteTableIds: this.publicRouteTableIds,
      appSecurityGroupId: this.appSecurityGroupId,
      dataSecurityGroupId: this.dataSecurityGroupId,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
      flowLogGroupName: this.flowLogGroupName,
    });
  }
}
