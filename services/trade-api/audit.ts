/** Audit publishers: SNS in AWS; structured logs where there is no topic (local, Azure standby). */
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { Logger } from "@aws-lambda-powertools/logger";
import { auditEventSchema, type AuditEvent, type AuditPublisher } from "../shared/audit-event";

export class SnsAuditPublisher implements AuditPublisher {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(event: AuditEvent): Promise<void> {
    const valid = auditEventSchema.parse(event);
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Message: JSON.stringify(valid),
        // Attributes let subscriptions filter without parsing the body.
        MessageAttributes: {
          action: { DataType: "String", StringValue: valid.action },
          outcome: { DataType: "String", StringValue: valid.outcome },
        },
      }),
    );
  }
}

/** Writes each event as one structured log line: never calls AWS. */
export class LogAuditPublisher implements AuditPublisher {
  constructor(private readonly logger: Logger) {}

  async publish(event: AuditEvent): Promise<void> {
    this.logger.info("audit event", { audit: auditEventSchema.parse(event) });
  }
}
