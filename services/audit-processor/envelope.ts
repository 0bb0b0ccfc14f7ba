/**
 * Turns an SQS message body into the audit event payload. Two deliveries are accepted:
 * raw message delivery (the body is the event; recommended) and the SNS JSON envelope
 * (`{"Type":"Notification","Message":"<event JSON>",...}`), so a subscription created without
 * RawMessageDelivery still works.
 */
import { InvalidInputError } from "../processing/errors";
import { AUDIT_DATA_MAX_DEPTH } from "../shared/audit-event";
import { jsonNestingDepth, parseJsonExactly } from "../shared/json-limits";

export type Delivery = "raw" | "sns";

export interface UnwrappedMessage {
  readonly delivery: Delivery;
  readonly payload: unknown;
  /** The SNS MessageId when enveloped: the same across SQS redeliveries of one publish. */
  readonly snsMessageId?: string;
}

export interface UnwrapOptions {
  /** When set, envelopes from any other topic are rejected. Default: any topic. */
  readonly allowedTopicArn?: string;
}

/** An audit event is an object (1) holding `data` (1) nested at most AUDIT_DATA_MAX_DEPTH deep. */
const MAX_MESSAGE_DEPTH = AUDIT_DATA_MAX_DEPTH + 1;

function parseJson(text: string, what: string): unknown {
  // Depth first, by scanning: a recursive walk of 10,000 levels would overflow the stack.
  const depth = jsonNestingDepth(text);
  if (depth > MAX_MESSAGE_DEPTH) {
    throw new InvalidInputError(
      "too-deep",
      `${what} is nested ${depth} levels deep; an audit event's data may be nested at most ${AUDIT_DATA_MAX_DEPTH} levels`,
    );
  }
  let parsed: ReturnType<typeof parseJsonExactly>;
  try {
    parsed = parseJsonExactly(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError("malformed-json", `${what} is not valid JSON (${reason})`);
  }
  // Stored data must be what was sent: a number a double would change is refused, not rounded.
  if ("problem" in parsed) throw new InvalidInputError("inexact-number", `${what}: number ${parsed.problem}`);
  return parsed.value;
}

function isEnvelope(
  value: unknown,
): value is { Type: string; Message: unknown; TopicArn: unknown; MessageId: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { Type?: unknown }).Type === "Notification" &&
    "Message" in value
  );
}

export function unwrapMessage(body: string, options: UnwrapOptions = {}): UnwrappedMessage {
  const outer = parseJson(body, "message body");
  if (!isEnvelope(outer)) return { delivery: "raw", payload: outer };
  if (typeof outer.Message !== "string") {
    throw new InvalidInputError(
      "malformed-envelope",
      "SNS envelope field Message must be a string holding the event JSON",
    );
  }
  if (options.allowedTopicArn !== undefined && outer.TopicArn !== options.allowedTopicArn) {
    throw new InvalidInputError(
      "unexpected-topic",
      `SNS envelope TopicArn ${JSON.stringify(outer.TopicArn)} is not the audit topic ${options.allowedTopicArn}`,
    );
  }
  const snsMessageId = typeof outer.MessageId === "string" ? outer.MessageId : undefined;
  return {
    delivery: "sns",
    payload: parseJson(outer.Message, "SNS envelope Message"),
    ...(snsMessageId ? { snsMessageId } : {}),
  };
}
