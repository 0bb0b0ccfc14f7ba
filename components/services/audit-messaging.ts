/**
 * The audit event pipeline: SNS topic → SQS queue (→ DLQ after maxReceiveCount) → the audit
 * processor Lambda, all encrypted with the messaging key. The topic accepts publishes from this
 * account only and over TLS only; the queue accepts messages from this topic only. The
 * processor's role gets exactly the queue permissions the event source mapping needs.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PROTECTIONS, assertValid, collectProblems, nameTag, statefulOptions, type Protection } from "../common";
import { policyDocument } from "./iam";
import {
  addDeliveryStatusLoggingProblems,
  deliveryFeedbackRole,
  deliveryStatusLogGroups,
  type DeliveryStatusLogging,
} from "./delivery-status-logging";
import { denyInsecureTransport, encryptedQueueArgs } from "./queues";

export interface AuditProcessorRef {
  /** The processor function's name. */
  readonly functionName: pulumi.Input<string>;
  /** Its execution role's name; the component attaches the queue permissions to it. */
  readonly roleName: pulumi.Input<string>;
  /** Its timeout in seconds; the queue's visibility timeout must be at least 6 times this. */
  readonly timeoutSeconds: number;
}

export interface AuditMessagingArgs {
  /** Account that may publish to the topic (its principals, with their own IAM permission). Required. */
  readonly accountId: pulumi.Input<string>;
  /** CMK for the topic and both queues (the messaging key; its policy must let sns.amazonaws.com use it). Required. */
  readonly messagingKeyArn: pulumi.Input<string>;
  /** The audit processor that consumes the queue. Required. */
  readonly processor: AuditProcessorRef;
  /** Receives before a message moves to the DLQ: 1 to 1000. Default 5. */
  readonly maxReceiveCount?: number;
  /** Queue visibility timeout in seconds: up to 43200, at least 6 × processor.timeoutSeconds. Default 300. */
  readonly visibilityTimeoutSeconds?: number;
  /** Messages per batch: 1 to 10000. Default 100. */
  readonly batchSize?: number;
  /** Seconds to gather a batch: 0 to 300, at least 1 when batchSize > 10. Default 5. */
  readonly maximumBatchingWindowSeconds?: number;
  /** `raw` (default): the queue gets the event JSON itself; `sns-envelope`: SNS's JSON wrapper (the processor accepts both). */
  readonly delivery?: "raw" | "sns-envelope";
  /**
   * Log SNS → SQS delivery failures to CloudWatch (AWS Config SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED):
   * the log groups SNS writes to are pre-created, encrypted with `logsKeyArn`, kept `retentionDays` (≥ 365, default 400);
   * successes sampled at `successSampleRate` (default 0: one line per audit event is noise). Default: off.
   */
  readonly deliveryStatusLogging?: DeliveryStatusLogging;
  /** `retain` (default): topic and queues are protected and kept on delete; `disposable` for dev. */
  readonly protection?: Protection;
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function auditMessagingArgsProblems(args: AuditMessagingArgs): readonly string[] {
  return collectProblems((p) => {
    const int = (field: string, v: number | undefined, min: number, max: number) => {
      if (v !== undefined && (!Number.isInteger(v) || v < min || v > max))
        p.add(field, `must be a whole number from ${min} to ${max}; got ${v}`);
    };
    int("maxReceiveCount", args.maxReceiveCount, 1, 1000);
    int("visibilityTimeoutSeconds", args.visibilityTimeoutSeconds, 0, 43200);
    int("batchSize", args.batchSize, 1, 10000);
    int("maximumBatchingWindowSeconds", args.maximumBatchingWindowSeconds, 0, 300);
    int("processor.timeoutSeconds", args.processor.timeoutSeconds, 1, 900);
    const visibility = args.visibilityTimeoutSeconds ?? 300;
    if (Number.isInteger(args.processor.timeoutSeconds) && visibility < 6 * args.processor.timeoutSeconds) {
      p.add(
        "visibilityTimeoutSeconds",
        `must be at least 6 × processor.timeoutSeconds (${6 * args.processor.timeoutSeconds}) so in-flight batches are not redelivered; got ${visibility}`,
      );
    }
    if ((args.batchSize ?? 100) > 10 && (args.maximumBatchingWindowSeconds ?? 5) < 1) {
      p.add("maximumBatchingWindowSeconds", "must be at least 1 when batchSize is above 10 (a Lambda rule for SQS)");
    }
    if (args.delivery !== undefined && args.delivery !== "raw" && args.delivery !== "sns-envelope")
      p.add("delivery", `expected raw or sns-envelope; got ${JSON.stringify(args.delivery)}`);
    if (args.deliveryStatusLogging)
      addDeliveryStatusLoggingProblems(p, "deliveryStatusLogging", args.deliveryStatusLogging);
    if (args.protection !== undefined && !PROTECTIONS.includes(args.protection))
      p.add("protection", `expected retain or disposable; got ${JSON.stringify(args.protection)}`);
  });
}

export class AuditMessaging extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;
  readonly queue: aws.sqs.Queue;
  readonly deadLetterQueue: aws.sqs.Queue;
  readonly topicArn: pulumi.Output<string>;
  readonly queueArn: pulumi.Output<string>;
  readonly queueName: pulumi.Output<string>;
  readonly deadLetterQueueArn: pulumi.Output<string>;
  readonly deadLetterQueueName: pulumi.Output<string>;

  constructor(name: string, args: AuditMessagingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:services:AuditMessaging", name, {}, opts);
    assertValid("platform:services:AuditMessaging", name, auditMessagingArgsProblems(args));
    const stateful = { parent: this, ...statefulOptions(args.protection ?? "retain") };

    const logging = args.deliveryStatusLogging;
    const feedbackRole = logging
      ? deliveryFeedbackRole(name, "SNS delivery status logging of the audit topic", this)
      : undefined;
    this.topic = new aws.sns.Topic(
      `${name}-topic`,
      {
        kmsMasterKeyId: args.messagingKeyArn,
        // PassThrough: the publisher's trace header travels on to the queue and the processor.
        // Active would make SNS send its own segments, which X-Ray accepts only with an
        // account-level X-Ray resource policy for sns.amazonaws.com (at most 5 per account;
        // https://docs.aws.amazon.com/sns/latest/dg/sns-active-tracing.html).
        tracingConfig: "PassThrough",
        // Failed deliveries are logged; successes are not sampled (one line per audit event is noise).
        sqsFailureFeedbackRoleArn: feedbackRole?.arn,
        sqsSuccessFeedbackRoleArn: feedbackRole?.arn,
        sqsSuccessFeedbackSampleRate: feedbackRole ? (logging?.successSampleRate ?? 0) : undefined,
        tags: nameTag(`${name}-topic`),
      },
      stateful,
    );
    if (logging && feedbackRole) {
      deliveryStatusLogGroups(
        name,
        {
          topic: this.topic,
          accountId: args.accountId,
          role: feedbackRole,
          logging,
          description: "Write audit topic delivery status logs",
        },
        stateful,
      );
    }
    new aws.sns.TopicPolicy(
      `${name}-topic-policy`,
      {
        arn: this.topic.arn,
        policy: policyDocument([
          {
            Sid: "PublishFromThisAccountOnly",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${args.accountId}:root` },
            Action: "sns:Publish",
            Resource: this.topic.arn,
          },
          denyInsecureTransport(this.topic.arn, "sns"),
        ]),
      },
      { parent: this },
    );

    this.deadLetterQueue = new aws.sqs.Queue(
      `${name}-dlq`,
      encryptedQueueArgs(args.messagingKeyArn, { tags: nameTag(`${name}-dlq`) }),
      stateful,
    );
    this.queue = new aws.sqs.Queue(
      `${name}-queue`,
      encryptedQueueArgs(args.messagingKeyArn, {
        visibilityTimeoutSeconds: args.visibilityTimeoutSeconds ?? 300,
        receiveWaitTimeSeconds: 20,
        redrivePolicy: pulumi.jsonStringify({
          deadLetterTargetArn: this.deadLetterQueue.arn,
          maxReceiveCount: args.maxReceiveCount ?? 5,
        }),
        tags: nameTag(`${name}-queue`),
      }),
      stateful,
    );
    // Only the main queue may move messages into the DLQ.
    new aws.sqs.RedriveAllowPolicy(
      `${name}-dlq-redrive-allow`,
      {
        queueUrl: this.deadLetterQueue.url,
        redriveAllowPolicy: pulumi.jsonStringify({ redrivePermission: "byQueue", sourceQueueArns: [this.queue.arn] }),
      },
      { parent: this },
    );
    const queuePolicy = new aws.sqs.QueuePolicy(
      `${name}-queue-policy`,
      {
        queueUrl: this.queue.url,
        policy: policyDocument([
          {
            Sid: "AuditTopicOnly",
            Effect: "Allow",
            Principal: { Service: "sns.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: this.queue.arn,
            Condition: { ArnEquals: { "aws:SourceArn": this.topic.arn } },
          },
          denyInsecureTransport(this.queue.arn, "sqs"),
        ]),
      },
      { parent: this },
    );
    new aws.sqs.QueuePolicy(
      `${name}-dlq-policy`,
      {
        queueUrl: this.deadLetterQueue.url,
        policy: policyDocument([denyInsecureTransport(this.deadLetterQueue.arn, "sqs")]),
      },
      { parent: this },
    );

    new aws.sns.TopicSubscription(
      `${name}-subscription`,
      {
        topic: this.topic.arn,
        protocol: "sqs",
        endpoint: this.queue.arn,
        rawMessageDelivery: (args.delivery ?? "raw") === "raw",
      },
      // Without the queue policy the first deliveries would be refused.
      { parent: this, dependsOn: [queuePolicy] },
    );

    // Managed, not inline: AWS Config's IAM_NO_INLINE_POLICY_CHECK flags inline policies.
    const consumerPolicy = new aws.iam.Policy(
      `${name}-consumer-policy`,
      {
        description: "Consume the audit queue",
        policy: policyDocument([
          {
            Sid: "ConsumeAuditQueue",
            Effect: "Allow",
            Action: [
              "sqs:ReceiveMessage",
              "sqs:DeleteMessage",
              "sqs:GetQueueAttributes",
              "sqs:ChangeMessageVisibility",
            ],
            Resource: [this.queue.arn],
          },
          { Sid: "DecryptAuditQueue", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [args.messagingKeyArn] },
        ]),
      },
      { parent: this },
    );
    const consumer = new aws.iam.RolePolicyAttachment(
      `${name}-consumer-policy-attachment`,
      { role: args.processor.roleName, policyArn: consumerPolicy.arn },
      { parent: this },
    );
    new aws.lambda.EventSourceMapping(
      `${name}-processor`,
      {
        eventSourceArn: this.queue.arn,
        functionName: args.processor.functionName,
        batchSize: args.batchSize ?? 100,
        maximumBatchingWindowInSeconds: args.maximumBatchingWindowSeconds ?? 5,
        // One bad message must not send the whole batch back (audit-processor README).
        functionResponseTypes: ["ReportBatchItemFailures"],
      },
      // Lambda checks the role can read the queue when the mapping is created.
      { parent: this, dependsOn: [consumer] },
    );

    this.topicArn = this.topic.arn;
    this.queueArn = this.queue.arn;
    this.queueName = this.queue.name;
    this.deadLetterQueueArn = this.deadLetterQueue.arn;
    this.deadLetterQueueName = this.deadLetterQueue.name;
    this.registerOutputs({
      topicArn: this.topicArn,
      queueArn: this.queueArn,
      queueName: this.queueName,
      deadLetterQueueArn: this.deadLetterQueueArn,
      deadLetterQueueName: this.deadLetterQueueName,
    });
  }
}
