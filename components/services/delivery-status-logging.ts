/**
 * SNS delivery status logging, defined once for every topic the platform creates (AWS Config
 * SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED; PCI DSS 10.2.1, 10.7.1): a feedback role
 * SNS assumes, the two log groups SNS writes to, pre-created so they are KMS-encrypted and kept
 * (created by SNS they would be unencrypted and kept forever), and a managed policy
 * (IAM_NO_INLINE_POLICY_CHECK) that lets the role write those two groups only. The policy also
 * allows logs:CreateLogGroup on exactly those two groups: AWS's prerequisite lists it for the
 * feedback role and does not say SNS skips the call when the group exists; on a pre-created group
 * the call only returns ResourceAlreadyExists, so granting it changes nothing else.
 *
 * Names SNS uses (https://docs.aws.amazon.com/sns/latest/dg/topics-attrib-prereq.html):
 * `sns/<region>/<account-id>/<topic-name>` for successes and the same with `/Failure` for
 * failures. SNS logs HTTP/S, Firehose, Lambda, SQS and platform-application deliveries; it cannot
 * log e-mail or SMS-to-topic deliveries (https://docs.aws.amazon.com/sns/latest/dg/sns-topic-attributes.html).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTag, type Problems } from "../common";
import { policyDocument, serviceTrustPolicy } from "./iam";
import { PCI_MIN_LOG_RETENTION_DAYS, logRetentionProblem } from "../../platform-rules/log-retention";

export interface DeliveryStatusLogging {
  /** Region of the topic: SNS puts it in the log group names. Required. */
  readonly region: string;
  /** CMK of the two log groups (the stack's logs key, whose policy lets logs.<region> use it). Required. */
  readonly logsKeyArn: pulumi.Input<string>;
  /** Days the log groups keep events: a CloudWatch Logs period of at least 365. Default 400. */
  readonly retentionDays?: number;
  /** Percentage of successful deliveries logged: a whole number 0-100 (failures are always logged). Default per component. */
  readonly successSampleRate?: number;
}

/** Adds every problem with `logging` to `p`, each naming `<field>.<key>`. */
export function addDeliveryStatusLoggingProblems(p: Problems, field: string, logging: DeliveryStatusLogging): void {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(logging.region))
    p.add(`${field}.region`, `expected an AWS region like us-east-1; got ${JSON.stringify(logging.region)}`);
  const retention = logRetentionProblem(logging.retentionDays);
  if (retention) p.add(`${field}.retentionDays`, retention);
  const rate = logging.successSampleRate;
  if (rate !== undefined && (!Number.isInteger(rate) || rate < 0 || rate > 100))
    p.add(`${field}.successSampleRate`, `must be a whole percentage from 0 to 100 (SNS); got ${rate}`);
}

/** The role SNS assumes to write a topic's delivery status logs. Create it before the topic. */
export function deliveryFeedbackRole(name: string, description: string, parent: pulumi.Resource): aws.iam.Role {
  return new aws.iam.Role(
    `${name}-delivery-logging-role`,
    {
      description,
      assumeRolePolicy: serviceTrustPolicy("sns.amazonaws.com"),
      tags: nameTag(`${name}-delivery-logging-role`),
    },
    { parent },
  );
}

export interface DeliveryStatusLogGroupsArgs {
  readonly topic: aws.sns.Topic;
  readonly accountId: pulumi.Input<string>;
  readonly role: aws.iam.Role;
  readonly logging: DeliveryStatusLogging;
  /** The managed policy's description. */
  readonly description: string;
}

/**
 * The two log groups SNS writes the topic's delivery status to, and the managed policy that
 * lets `role` write them (CreateLogStream and PutLogEvents on those groups only).
 */
export function deliveryStatusLogGroups(
  name: string,
  args: DeliveryStatusLogGroupsArgs,
  opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.LogGroup[] {
  const { topic, accountId, role, logging } = args;
  const groups = ["", "/Failure"].map(
    (suffix, i) =>
      new aws.cloudwatch.LogGroup(
        `${name}-delivery-logs${i === 0 ? "" : "-failure"}`,
        {
          name: pulumi.interpolate`sns/${logging.region}/${accountId}/${topic.name}${suffix}`,
          retentionInDays: logging.retentionDays ?? PCI_MIN_LOG_RETENTION_DAYS.default,
          kmsKeyId: logging.logsKeyArn,
          tags: nameTag(`${name}-delivery-logs${suffix.toLowerCase().replace("/", "-")}`),
        },
        opts,
      ),
  );
  const policy = new aws.iam.Policy(
    `${name}-delivery-logging-policy`,
    {
      description: args.description,
      policy: policyDocument([
        {
          Sid: "DeliveryStatusLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: groups.map((g) => pulumi.interpolate`${g.arn}:*`),
        },
        {
          Sid: "DeliveryStatusLogGroups",
          Effect: "Allow",
          Action: ["logs:CreateLogGroup"],
          Resource: groups.map((g) => g.arn),
        },
      ]),
    },
    { parent: opts.parent },
  );
  new aws.iam.RolePolicyAttachment(
    `${name}-delivery-logging-attachment`,
    { role: role.name, policyArn: policy.arn },
    { parent: opts.parent },
  );
  return groups;
}
