/**
 * Tier security groups with separate rule resources (no inline rules, so rules can be added
 * by other parts without fighting over the group). Nothing is open inbound from 0.0.0.0/0.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { nameTag } from "../common";

export interface TierGroups {
  readonly app: aws.ec2.SecurityGroup;
  readonly data: aws.ec2.SecurityGroup;
  /** Only when the VPC has interface endpoints: a group no ENI carries fails EC2_SECURITY_GROUP_ATTACHED_TO_ENI_PERIODIC. */
  readonly endpoints?: aws.ec2.SecurityGroup;
}

export function createTierGroups(
  name: string,
  vpcId: pulumi.Input<string>,
  databasePort: number,
  parent: pulumi.Resource,
  withEndpoints: boolean,
): TierGroups {
  const child = { parent };
  const group = (tier: string, description: string) =>
    // No inline rules: the provider then removes AWS's default allow-all egress rule.
    new aws.ec2.SecurityGroup(`${name}-${tier}-sg`, { vpcId, description, tags: nameTag(`${name}-${tier}`) }, child);
  const app = group("app", "App tier (Lambdas): HTTPS out, database port to the data tier");
  const data = group("data", "Data tier (Aurora): database port from the app tier only");
  const endpoints = withEndpoints
    ? group("endpoints", "Interface VPC endpoints: HTTPS from the app tier only")
    : undefined;

  new aws.vpc.SecurityGroupIngressRule(
    `${name}-data-from-app`,
    {
      securityGroupId: data.id,
      referencedSecurityGroupId: app.id,
      ipProtocol: "tcp",
      fromPort: databasePort,
      toPort: databasePort,
      description: "Database from the app tier",
    },
    child,
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-app-to-data`,
    {
      securityGroupId: app.id,
      referencedSecurityGroupId: data.id,
      ipProtocol: "tcp",
      fromPort: databasePort,
      toPort: databasePort,
      description: "Database in the data tier",
    },
    child,
  );
  // AWS APIs are reached over HTTPS through the endpoints or the NAT; the destinations are
  // AWS public ranges that change, so the port is the practical restriction.
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-app-https-out`,
    {
      securityGroupId: app.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS to AWS APIs",
    },
    child,
  );
  if (endpoints) {
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-endpoints-from-app`,
      {
        securityGroupId: endpoints.id,
        referencedSecurityGroupId: app.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "HTTPS from the app tier",
      },
      child,
    );
  }
  return { app, data, endpoints };
}
