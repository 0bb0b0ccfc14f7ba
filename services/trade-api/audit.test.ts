import assert from "node:assert/strict";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { mockClient } from "aws-sdk-client-mock";
import { newAuditEvent } from "../shared/audit-event";
import { SnsAuditPublisher } from "./audit";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:audit-events";
const event = () =>
  newAuditEvent({
    source: "fx.trade-api",
    actor: "c1",
    action: "order.book",
    resource: "order/1",
    outcome: "SUCCESS",
    data: { a: "1" },
  });

describe("SnsAuditPublisher", () => {
  it("should publish the event as JSON with action and outcome attributes", async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: "m1" });
    const client = new SNSClient({
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    const e = event();
    await new SnsAuditPublisher(client, TOPIC).publish(e);
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    assert.equal(input?.TopicArn, TOPIC);
    assert.deepEqual(JSON.parse(input?.Message ?? ""), e);
    assert.equal(input?.MessageAttributes?.outcome?.StringValue, "SUCCESS");
    sns.restore();
  });

  it("should refuse to publish an event that breaks the schema", async () => {
    const sns = mockClient(SNSClient);
    const client = new SNSClient({
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    await assert.rejects(new SnsAuditPublisher(client, TOPIC).publish({ ...event(), outcome: "MAYBE" as "SUCCESS" }));
    assert.equal(sns.commandCalls(PublishCommand).length, 0);
    sns.restore();
  });
});
