/** VPC flow logs (ALL traffic) to a CMK-encrypted log group, delivered by a least-privilege role. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTag, statefulOptions, type Protection } from "../common";

export interface FlowLogsArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly retentionDays: number;
  readonly protection: Protection;
}

/** Creates the log group, role and flow log as children of `parent`; returns the log group. */
export function createFlowLogs(name: string, args: FlowLogsArgs, parent: pulumi.Resource): aws.cloudwatch.LogGroup {
  const child = { parent };
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-flow-logs`,
    { retentionInDays: args.retentionDays, kmsKeyId: args.kmsKeyArn, tags: nameTag(`${name}-flow-logs`) },
    // Flow logs are PCI DSS 10.2 audit evidence: protected like any other stateful resource.
    { ...child, ...statefulOptions(args.protection) },
  );
  const identity = aws.getCallerIdentityOutput({}, child);
  const region = aws.getRegionOutput({}, child);
  const partition = aws.getPartitionOutput({}, child);
  const role = new aws.iam.Role(
    `${name}-flow-logs-role`,
    {
      description: "VPC Flow Logs delivery to CloudWatch Logs",
      assumeRolePolicy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Action: "sts:AssumeRole",
            // Confused-deputy guard: only this account's flow logs may assume the role.
            Condition: {
              StringEquals: { "aws:SourceAccount": identity.accountId },
              ArnLike: {
                "aws:SourceArn": pulumi.interpolate`arn:${partition.partition}:ec2:${region.region}:${identity.accountId}:vpc-flow-log/*`,
              },
            },
          },
        ],
      }),
      tags: nameTag(`${name}-flow-logs-role`),
    },
    child,
  );
  // A customer-managed policy attached to the role, not an inline one: the deployed Config rule
  // IAM_NO_INLINE_POLICY_CHECK marks any role with an inline policy NON_COMPLIANT.
  const write = new aws.iam.Policy(
    `${name}-flow-logs-write`,
    {
      description: "VPC Flow Logs delivery: write to the flow-log group only",
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams", "logs:DescribeLogGroups"],
            Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
          },
        ],
      }),
      tags: nameTag(`${name}-flow-logs-write`),
    },
    child,
  );
  const attachment = new aws.iam.RolePolicyAttachment(
    `${name}-flow-logs-write-attachment`,
    { role: role.name, policyArn: write.arn },
    child,
  );
  new aws.ec2.FlowLog(
    `${name}-flow-log`,
    {
      vpcId: args.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: nameTag(`${name}-flow-log`),
    },
    // Delivery starts at creation: the role must hold its permissions by then.
    { ...child, dependsOn: [attachment] },
  );
  return logGroup;
}
