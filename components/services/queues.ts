/**
 * SQS building blocks shared by the messaging components: KMS-encrypted queues and a queue
 * policy that refuses plain-HTTP access. A dead-letter queue component for functions invoked
 * asynchronously (S3 notifications) lives here too.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PROTECTIONS, assertValid, collectProblems, nameTag, statefulOptions, type Protection } from "../common";
import { policyDocument } from "./iam";

/** SQS's maximum: 14 days, so a failure found after a long weekend is still there. */
export const MAX_RETENTION_SECONDS = 1_209_600;

/** A queue encrypted with a CMK; data keys are reused for 5 minutes (fewer KMS calls). */
export function encryptedQueueArgs(keyArn: pulumi.Input<string>, extra: aws.sqs.QueueArgs = {}): aws.sqs.QueueArgs {
  return {
    kmsMasterKeyId: keyArn,
    kmsDataKeyReusePeriodSeconds: 300,
    messageRetentionSeconds: MAX_RETENTION_SECONDS,
    ...extra,
  };
}

/**
 * The actions an SNS topic policy may name. SNS checks every action against its own list and
 * refuses `*` and `sns:*` ("Policy statement action out of service scope!"):
 * https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html
 * These are the topic actions of SNS's own default topic policy, which every account accepts.
 */
export const SNS_TOPIC_POLICY_ACTIONS = [
  "sns:GetTopicAttributes",
  "sns:SetTopicAttributes",
  "sns:AddPermission",
  "sns:RemovePermission",
  "sns:DeleteTopic",
  "sns:Subscribe",
  "sns:ListSubscriptionsByTopic",
  "sns:Publish",
] as const;

/** Resource policies this module writes, and the action each TLS deny names for its service. */
export type TransportService = "sqs" | "sns";

/**
 * Statement denying any request to the queue or topic not made over TLS (PCI DSS 4.2.1). SQS
 * accepts `sqs:*`; SNS only its listed actions (SNS_TOPIC_POLICY_ACTIONS).
 */
export function denyInsecureTransport(
  resourceArn: pulumi.Input<string>,
  service: TransportService,
): Record<string, unknown> {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: service === "sns" ? [...SNS_TOPIC_POLICY_ACTIONS] : "sqs:*",
    Resource: resourceArn,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

export interface DeadLetterQueueArgs {
  /** CMK encrypting the queue (the messaging key). Required. */
  readonly keyArn: pulumi.Input<string>;
  /** Lambda functions allowed to send to the queue (their on-failure destination). Default none. */
  readonly senderRoleArns?: readonly pulumi.Input<string>[];
  /** `retain` (default): protected and kept on delete; `disposable` for dev. */
  readonly protection?: Protection;
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function deadLetterQueueArgsProblems(args: DeadLetterQueueArgs): readonly string[] {
  return collectProblems((p) => {
    if (args.protection !== undefined && !PROTECTIONS.includes(args.protection))
      p.add("protection", `expected retain or disposable; got ${JSON.stringify(args.protection)}`);
  });
}

/** A KMS-encrypted SQS queue keeping failed events 14 days, reachable only over TLS. */
export class DeadLetterQueue extends pulumi.ComponentResource {
  readonly queue: aws.sqs.Queue;
  readonly arn: pulumi.Output<string>;
  readonly url: pulumi.Output<string>;
  readonly queueName: pulumi.Output<string>;

  constructor(name: string, args: DeadLetterQueueArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:services:DeadLetterQueue", name, {}, opts);
    assertValid("platform:services:DeadLetterQueue", name, deadLetterQueueArgsProblems(args));
    this.queue = new aws.sqs.Queue(
      `${name}-queue`,
      encryptedQueueArgs(args.keyArn, { tags: nameTag(`${name}-queue`) }),
      {
        parent: this,
        ...statefulOptions(args.protection ?? "retain"),
      },
    );
    const statements: Record<string, unknown>[] = [denyInsecureTransport(this.queue.arn, "sqs")];
    if ((args.senderRoleArns ?? []).length > 0) {
      statements.push({
        Sid: "AllowFailureDestinations",
        Effect: "Allow",
        Principal: { AWS: args.senderRoleArns },
        Action: "sqs:SendMessage",
        Resource: this.queue.arn,
      });
    }
    new aws.sqs.QueuePolicy(
      `${name}-policy`,
      { queueUrl: this.queue.url, policy: policyDocument(statements) },
      { parent: this },
    );
    this.arn = this.queue.arn;
    this.url = this.queue.url;
    this.queueName = this.queue.name;
    this.registerOutputs({ arn: this.arn, url: this.url, queueName: this.queueName });
  }
}
