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
    assert.equal(
      codeOf(() => unwrapMessage("{not json")),
      "malformed-json",
    );
  });

  it("should reject an envelope whose Message is not JSON", async () => {
    assert.equal(
      codeOf(() => unwrapMessage(snsEnvelope("{oops"))),
      "malformed-json",
    );
  });

  it("should reject an envelope whose Message is not a string", async () => {
    const body = JSON.stringify({ Type: "Notification", TopicArn: TOPIC_ARN, Message: { nested: true } });
    assert.equal(
      codeOf(() => unwrapMessage(body)),
      "malformed-envelope",
    );
  });

  it("should reject an envelope from another topic when the topic is pinned", async () => {
    const body = snsEnvelope(auditEvent(), "arn:aws:sns:us-east-1:123456789012:other");
    assert.equal(
      codeOf(() => unwrapMessage(body, { allowedTopicArn: TOPIC_ARN })),
      "unexpected-topic",
    );
  });

  it("should accept an envelope from the pinned topic", async () => {
    assert.equal(unwrapMessage(snsEnvelope(auditEvent()), { allowedTopicArn: TOPIC_ARN }).delivery, "sns");
  });

  describe("numbers and nesting the store could not keep as sent", () => {
    const body = (data: string) => JSON.stringify(auditEvent({ data: { x: 0 } })).replace('{"x":0}', data);

    it("should refuse a number beyond a double's range instead of storing null", async () => {
      assert.equal(
        codeOf(() => unwrapMessage(body('{"big":1e400}'))),
        "inexact-number",
      );
    });

    it("should refuse an integer a double cannot hold exactly", async () => {
      assert.equal(
        codeOf(() => unwrapMessage(body('{"id":12345678901234567890}'))),
        "inexact-number",
      );
    });

    it("should accept numbers a double holds exactly, however they are spelled", async () => {
      const unwrapped = unwrapMessage(body('{"a":1.50,"b":1e2,"c":-0.25,"d":9007199254740991}'));
      assert.deepEqual((unwrapped.payload as { data: unknown }).data, {
        a: 1.5,
        b: 100,
        c: -0.25,
        d: 9007199254740991,
      });
    });

    it("should refuse a message nested deeper than an audit event may be, naming the limit", async () => {
      let error: unknown;
      try {
        unwrapMessage(body(`${"[".repeat(10_000)}${"]".repeat(10_000)}`.replace(/^/, '{"deep":').concat("}")));
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`);
      assert.equal(error.code, "too-deep");
      assert.match(error.message, /nested/);
    });
  });
});
