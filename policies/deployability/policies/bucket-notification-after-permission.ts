/**
 * S3 validates every destination of a bucket notification when it is put: S3 must already be
 * allowed to invoke the Lambda function (an aws.lambda.Permission for s3.amazonaws.com), to send
 * to the SQS queue (its queue policy) or to publish to the SNS topic (its topic policy); otherwise
 * PutBucketNotificationConfiguration fails with "InvalidArgument: Unable to validate the following
 * destination configurations". The notification must wait for those grants.
 *
 * Sources: hashicorp/terraform#19756, aws/aws-sdk-js#632, aws/aws-cdk#584 (notification
 * dependencies), adanalvarez/HoneyTrail#1 (race between the notification and the permission),
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html.
 */
import { asArray, asObject, asString, peek } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy, type PolicyResource } from "../../lib/types";
import { DependencyGraph } from "../support/graph";

const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
const PERMISSION = "aws:lambda/permission:Permission";

/** Destination list input → the ARN field, the destination type and its grant (type, input naming the destination). */
const DESTINATIONS = [
  {
    list: "lambdaFunctions",
    arn: "lambdaFunctionArn",
    type: "aws:lambda/function:Function",
    grant: PERMISSION,
    via: "function",
    what: "aws.lambda.Permission for s3.amazonaws.com",
  },
  {
    list: "queues",
    arn: "queueArn",
    type: "aws:sqs/queue:Queue",
    grant: "aws:sqs/queuePolicy:QueuePolicy",
    via: "queueUrl",
    what: "queue policy allowing s3.amazonaws.com sqs:SendMessage",
  },
  {
    list: "topics",
    arn: "topicArn",
    type: "aws:sns/topic:Topic",
    grant: "aws:sns/topicPolicy:TopicPolicy",
    via: "arn",
    what: "topic policy allowing s3.amazonaws.com sns:Publish",
  },
] as const;

const fromResource = (r: PolicyResource, field: string, target: PolicyResource): boolean =>
  (r.propertyDependencies[field] ?? []).some((d) => d.urn === target.urn);

export const bucketNotificationAfterPermission = stackPolicy({
  name: "bucket-notification-after-permission",
  description:
    "S3 bucket notifications are created after the grants that let S3 reach each destination " +
    "(Lambda permission, queue policy, topic policy), which S3 validates when the notification " +
    "is put.",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: [NOTIFICATION, PERMISSION, "aws:sqs/queuePolicy:QueuePolicy", "aws:sns/topicPolicy:TopicPolicy"],
  fix: "Add the destination's aws.lambda.Permission (principal s3.amazonaws.com) or its queue/topic policy to the BucketNotification's dependsOn.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const notifications = args.resources.filter((r) => r.type === NOTIFICATION);
    if (notifications.length === 0) return;
    const graph = new DependencyGraph(args.resources);
    judgeEach(notifications, report, (n) => {
      for (const d of DESTINATIONS) {
        if (asArray(peek(n.props, d.list)).length === 0) continue;
        const arns = new Set(
          asArray(peek(n.props, d.list))
            .map((x) => asString(asObject(x)?.[d.arn]))
            .filter((a): a is string => !!a),
        );
        const targets = args.resources.filter(
          (t) =>
            t.type === d.type && (fromResource(n, d.list, t) || arns.has(asString(peek(t.props, "arn")) ?? "\u0000")),
        );
        for (const target of targets) {
          const grants = args.resources.filter(
            (g) =>
              g.type === d.grant &&
              fromResource(g, d.via, target) &&
              (d.grant !== PERMISSION || asString(peek(g.props, "principal")) === "s3.amazonaws.com"),
          );
          if (grants.length === 0) {
            report(
              `${n.name} sends to ${target.name}, but no ${d.what} exists in this stack: S3 refuses the ` +
                `notification ("Unable to validate the following destination configurations"). Add the ` +
                `grant and put it in ${n.name}'s dependsOn.`,
              n.urn,
            );
          } else if (!grants.some((g) => graph.waitsFor(n, g))) {
            report(
              `${n.name} may be put before ${grants.map((g) => g.name).join(" / ")}, which lets S3 reach ` +
                `${target.name}: S3 then refuses it ("Unable to validate the following destination ` +
                `configurations"). Add it to ${n.name}'s dependsOn.`,
              n.urn,
            );
          }
        }
      }
    });
  },
});
