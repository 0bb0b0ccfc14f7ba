import assert from "node:assert/strict";
import { InvalidInputError } from "../processing/errors";
import { unwrapMessage } from "./envelope";
import { auditEvent, snsEnvelope, TOPIC_ARN } from "./testing/fixtures";

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InvalidInputError);
    return error.code;
  }
  assert.fail("expected a rejection");
}

describe("unwrapMessage", () => {
  it("should return a raw-delivery body as the payload", async () => {
    const event = auditEvent();
    assert.deepEqual(unwrapMessage(JSON.stringify(event)), { delivery: "raw", payload: event });
  });

  it("should return the parsed Message of an SNS envelope", async () => {
    const event = auditEvent();
    const unwrapped = unwrapMessage(snsEnvelope(event));
    assert.equal(unwrapped.delivery, "sns");
    assert.deepEqual(unwrapped.payload, event);
  });

  it("should keep the SNS MessageId of an envelope", async () => {
    const body = snsEnvelope(auditEvent());
    assert.equal(unwrapMessage(body).snsMessageId, JSON.parse(body).MessageId);
  });

  it("should reject a body that is not JSON", async () => {
    assert.equal(codeOf(() => unwrapMessage("{not json")), "malformed-json");
  });

  it("should reject an envelope whose Message is not JSON", async () => {
    assert.equal(codeOf(() => unwrapMessage(snsEnvelope("{oops"))), "malformed-json");
  });

  it("should reject an envelope whose Message is not a string", async () => {
    const body = JSON.stringify({ Type: "Notification", TopicArn: TOPIC_ARN, Message: { nested: true } });
    assert.equal(codeOf(() => unwrapMessage(body)), "malformed-envelope");
  });

  it("should reject an envelope from another topic when the topic is pinned", async () => {
    const body = snsEnvelope(auditEvent(), "arn:aws:sns:us-east-1:123456789012:other");
    assert.equal(codeOf(() => unwrapMessage(body, { allowedTopicArn: TOPIC_ARN })), "unexpected-topic");
  });

  it("should accept an envelope from the pinned topic", async () => {
    assert.equal(unwrapMessage(snsEnvelope(auditEvent()), { allowedTopicArn: TOPIC_ARN }).delivery, "sns");
  });
});
