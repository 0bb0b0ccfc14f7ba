/**
 * Turns an SQS message body into the audit event payload. Two deliveries are accepted:
 * raw message delivery (the body is the event; recommended) and the SNS JSON envelope
 * (`{"Type":"Notification","Message":"<event JSON>",...}`), so a subscription created without
 * RawMessageDelivery still works.
 */
import { InvalidInputError } from "../processing/errors";

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

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError("malformed-json", `${what} is not valid JSON (${reason})`);
  }
}

function isEnvelope(value: unknown): value is { Type: string; Message: unknown; TopicArn: unknown; MessageId: unknown } {
  return typeof value === "object" && value !== null && (value as { Type?: unknown }).Type === "Notification" && "Message" in value;
}

export function unwrapMessage(body: string, options: UnwrapOptions = {}): UnwrappedMessage {
  const outer = parseJson(body, "message body");
  if (!isEnvelope(outer)) return { delivery: "raw", payload: outer };
  if (typeof outer.Message !== "string") {
    throw new InvalidInputError("malformed-envelope", "SNS envelope field Message must be a string holding the event JSON");
  }
  if (options.allowedTopicArn !== undefined && outer.TopicArn !== options.allowedTopicArn) {
    throw new InvalidInputError(
      "unexpected-topic",
      `SNS envelope TopicArn ${JSON.stringify(outer.TopicArn)} is not the audit topic ${options.allowedTopicArn}`,
    );
  }
  const snsMessageId = typeof outer.MessageId === "string" ? outer.MessageId : undefined;
  return { delivery: "sns", payload: parseJson(outer.Message, "SNS envelope Message"), ...(snsMessageId ? { snsMessageId } : {}) };
}
