/** Builders for audit events, SQS records and SNS envelopes, plus the audit table as the infra defines it. */
import { randomUUID } from "node:crypto";
import { CreateTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SQSRecord } from "aws-lambda";
import type { AuditEvent } from "../../shared/audit-event";

export const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:audit-events";

export function auditEvent(overrides: Partial<Record<keyof AuditEvent, unknown>> = {}): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    timestamp: "2025-03-01T09:30:00.123Z",
    source: "fx.trade-api",
    actor: "client-42",
    action: "order.book",
    resource: `order/${randomUUID()}`,
    outcome: "SUCCESS",
    data: { pair: "EUR/USD", notional: "1000000.00" },
    ...overrides,
  };
}

export function snsEnvelope(message: unknown, topicArn = TOPIC_ARN): string {
  return JSON.stringify({
    Type: "Notification",
    MessageId: randomUUID(),
    TopicArn: topicArn,
    Message: typeof message === "string" ? message : JSON.stringify(message),
    Timestamp: "2025-03-01T09:30:01.000Z",
    SignatureVersion: "1",
  });
}

let sequence = 0;

export function sqsRecord(body: string, messageId = `msg-${++sequence}`): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: "1",
      SentTimestamp: "1740821400000",
      SenderId: "AIDAEXAMPLE",
      ApproximateFirstReceiveTimestamp: "1740821400001",
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:audit-events",
    awsRegion: "us-east-1",
  };
}

/** The audit table's key schema: partition `event_id` (S) alone, as stacks/compose/core.ts declares it. */
export async function createAuditTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "event_id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "event_id", KeyType: "HASH" }],
    }),
  );
}
