/**
 * SNS delivery status logging, as topic attributes: `<protocol>SuccessFeedbackRoleArn`,
 * `<protocol>FailureFeedbackRoleArn` and `<protocol>SuccessFeedbackSampleRate` for each protocol
 * SNS can log (the attribute prefixes of node_modules/@pulumi/aws/sns/topic.d.ts;
 * https://docs.aws.amazon.com/sns/latest/dg/sns-topic-attributes.html). E-mail and SMS deliveries
 * cannot be logged. Read by the deployability pack and by the Config-rule evaluator.
 */
export const SNS_FEEDBACK_PROTOCOLS = ["application", "firehose", "http", "lambda", "sqs"] as const;
