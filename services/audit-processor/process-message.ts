/**
 * One SQS message through the audit pipeline: unwrap, validate, store. Every message ends in
 * exactly one of three places, each logged and counted: written, recognised as an exact
 * duplicate, or thrown (so the batch reports its messageId and SQS redelivers it, then moves
 * it to the DLQ after maxReceiveCount). Free of AWS and Powertools types.
 */
import { AUDIT_OUTCOME_LOG_MESSAGE } from "../../platform-rules/audit-stream";
import { describeError, InvalidInputError, type ProcessingError } from "../processing/errors";
import type { KeyedQueue } from "../processing/keyed-queue";
import type { Telemetry } from "../processing/telemetry";
import { parseAuditEvent } from "./event";
import { unwrapMessage } from "./envelope";
import { recordAuditEvent, type AuditStore, type RecordOutcome } from "./store";

export interface AuditMessage {
  readonly messageId: string;
  readonly body: string;
  /** SQS ApproximateReceiveCount; 1 on first delivery. */
  readonly receiveCount: number;
}

export interface AuditProcessorDeps {
  readonly store: AuditStore;
  readonly telemetry: Telemetry;
  /** Serialises messages carrying the same event id within one batch. */
  readonly queue: KeyedQueue;
  /** Only envelopes from this topic are accepted. Default: any topic. */
  readonly allowedTopicArn?: string;
  /** Clock for `received_at`. Default: the system clock. */
  readonly now?: () => Date;
}

/** Metric names, one per final state of a message. */
export const AUDIT_METRICS = {
  written: "AuditEventsWritten",
  duplicate: "AuditDuplicatesSkipped",
  invalid: "AuditEventsInvalid",
  conflict: "AuditEventConflicts",
  failed: "AuditStoreFailures",
} as const;

function failureMetric(error: unknown): string {
  const kind = (error as Partial<ProcessingError>).kind;
  if (kind === "invalid") return AUDIT_METRICS.invalid;
  if (kind === "conflict") return AUDIT_METRICS.conflict;
  return AUDIT_METRICS.failed;
}

export async function processAuditMessage(message: AuditMessage, deps: AuditProcessorDeps): Promise<RecordOutcome> {
  const { log, counters } = deps.telemetry;
  const context = { messageId: message.messageId, receiveCount: message.receiveCount };
  let eventId: string | undefined;
  try {
    const unwrapped = unwrapMessage(message.body, { allowedTopicArn: deps.allowedTopicArn });
    const event = parseAuditEvent(unwrapped.payload);
    eventId = event.event_id;
    const info = {
      delivery: unwrapped.delivery,
      messageId: message.messageId,
      receivedAt: (deps.now ?? (() => new Date()))(),
    };
    const outcome = await deps.queue.run(event.event_id, () => recordAuditEvent(deps.store, event, info));
    counters.count(AUDIT_METRICS[outcome]);
    // The audit stream's denials and failures, one line each: a metric filter watches them for anomalies.
    if (outcome !== "duplicate" && event.outcome !== "SUCCESS")
      log.info(AUDIT_OUTCOME_LOG_MESSAGE, { ...context, eventId, auditOutcome: event.outcome, action: event.action });
    if (outcome === "duplicate") log.info("audit event already stored; redelivery skipped", { ...context, eventId });
    else log.debug("audit event stored", { ...context, eventId, delivery: unwrapped.delivery });
    return outcome;
  } catch (error) {
    counters.count(failureMetric(error));
    const described = describeError(error);
    const fields = {
      ...context,
      ...(eventId ? { eventId } : {}),
      errorCode: described.code,
      failureKind: described.kind,
      reason: described.message,
      ...(error instanceof InvalidInputError ? { problems: error.problems } : {}),
    };
    if (described.kind === "transient") log.warn("audit message not stored; SQS will redeliver it", fields);
    else log.error("audit message rejected; it will reach the DLQ after maxReceiveCount", fields);
    throw error;
  }
}
