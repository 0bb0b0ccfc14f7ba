/**
 * awsx's Vpc creates its public subnets with `mapPublicIpOnLaunch: true` and its SubnetSpec has
 * no field to change that (pulumi-awsx awsx/ec2/vpc.ts sets it from the subnet type). The
 * deployed Config rule SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED marks such subnets NON_COMPLIANT.
 * Nothing in the platform needs it: the NAT gateways get their public address from an Elastic
 * IP, never from the subnet. A `transforms` callback reaches the children of awsx's packaged
 * component (https://www.pulumi.com/docs/iac/concepts/resources/options/transforms/), which the
 * older `transformations` option does not.
 */
import type * as pulumi from "@pulumi/pulumi";

export const SUBNET_TYPE_TOKEN = "aws:ec2/subnet:Subnet";

/** Turns off public IPv4 auto-assignment on every subnet the component creates. */
export const noPublicIpOnLaunch: pulumi.ResourceTransform = (args) =>
  args.type === SUBNET_TYPE_TOKEN
    ? { props: { ...args.props, mapPublicIpOnLaunch: false }, opts: args.opts }
    : undefined;
