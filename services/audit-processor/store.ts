/**
 * Idempotent recording of audit events against an abstract store (DynamoDB in production, see
 * dynamodb-store.ts). Each event is written at most once; a redelivery with identical content
 * is a duplicate, a redelivery with different content is a conflict and the original is kept.
 */
import { ConflictError, DependencyError } from "../processing/errors";
import { canonicalJson, contentHash, type CanonicalAuditEvent } from "./event";
import type { Delivery } from "./envelope";

/** One row of the audit table (attribute names are the table's). */
export interface AuditRecord {
  readonly event_id: string;
  readonly timestamp: string;
  readonly source: string;
  readonly actor: string;
  readonly action: string;
  readonly resource: string;
  readonly outcome: string;
  /** Canonical JSON text of `data`: stored byte-stable so the content hash can be re-verified. */
  readonly data: string;
  readonly content_sha256: string;
  /** When this processor first stored the event (ISO-8601 UTC). */
  readonly received_at: string;
  readonly delivery: Delivery;
  readonly sqs_message_id: string;
}

/** What is already stored for an event id: enough to tell a duplicate from a conflict. */
export interface StoredVersion {
  readonly timestamp: string;
  readonly contentSha256: string;
}

export interface AuditStore {
  /** Every stored item with this event id, read strongly consistently. */
  findByEventId(eventId: string): Promise<readonly StoredVersion[]>;
  /** Writes the record unless an item with the same event id exists; never overwrites. */
  putIfAbsent(record: AuditRecord): Promise<"written" | "exists">;
}

export type RecordOutcome = "written" | "duplicate";

export interface DeliveryInfo {
  readonly delivery: Delivery;
  readonly messageId: string;
  readonly receivedAt: Date;
}

export function toAuditRecord(event: CanonicalAuditEvent, info: DeliveryInfo): AuditRecord {
  return {
    event_id: event.event_id,
    timestamp: event.timestamp,
    source: event.source,
    actor: event.actor,
    action: event.action,
    resource: event.resource,
    outcome: event.outcome,
    data: canonicalJson(event.data),
    content_sha256: contentHash(event),
    received_at: info.receivedAt.toISOString(),
    delivery: info.delivery,
    sqs_message_id: info.messageId,
  };
}

function judge(record: AuditRecord, stored: readonly StoredVersion[]): RecordOutcome | undefined {
  if (stored.length === 0) return undefined;
  if (stored.some((s) => s.contentSha256 === record.content_sha256 && s.timestamp === record.timestamp))
    return "duplicate";
  const seen = stored.map((s) => `${s.timestamp} sha256:${s.contentSha256.slice(0, 12)}`).join(", ");
  throw new ConflictError(
    `event_id ${record.event_id} is already stored with different content (${seen}); ` +
      `this delivery (${record.timestamp} sha256:${record.content_sha256.slice(0, 12)}) was not written`,
  );
}

/**
 * Stores one event. The read answers the common redelivery without a write; the put is
 * conditional on the event id alone (the table's only key), so of two concurrent copies of one
 * id, whatever their timestamps, exactly one is written and the other is judged against it.
 * Throws ConflictError when the id is taken by different content.
 */
export async function recordAuditEvent(
  store: AuditStore,
  event: CanonicalAuditEvent,
  info: DeliveryInfo,
): Promise<RecordOutcome> {
  const record = toAuditRecord(event, info);
  const before = judge(record, await store.findByEventId(record.event_id));
  if (before) return before;
  if ((await store.putIfAbsent(record)) === "written") return "written";
  const after = judge(record, await store.findByEventId(record.event_id));
  if (after) return after;
  // The put saw an item the consistent read cannot: never count that as stored; retry later.
  throw new DependencyError(
    "store-inconsistent",
    `event_id ${record.event_id}: conditional put found an item that a consistent read did not return`,
    {
      retryable: true,
    },
  );
}
