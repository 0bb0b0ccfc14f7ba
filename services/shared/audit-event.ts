/**
 * The audit event every service emits (published to the audit SNS topic, stored by the audit
 * processor). One schema, shared by producer and consumer, so they cannot drift apart.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";

export const AUDIT_OUTCOMES = ["SUCCESS", "FAILURE", "DENIED"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Serialized `data` may not exceed this; SNS messages top out at 256 KiB with the envelope. */
export const AUDIT_DATA_MAX_BYTES = 16 * 1024;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const auditEventSchema = z.strictObject({
  /** A UUID, unique per event; consumers deduplicate on it. */
  event_id: z.string().regex(UUID, "must be a UUID"),
  /** ISO-8601 in UTC with a Z suffix, e.g. 2025-01-31T12:00:00.000Z. */
  timestamp: z
    .string()
    .regex(ISO_UTC, "must be ISO-8601 UTC ending in Z")
    .refine((t) => !Number.isNaN(Date.parse(t)), "must be a real date"),
  /** The emitting service, e.g. "fx.trade-api". */
  source: z.string().min(1).max(128),
  /** Who acted: a client id, never a secret. */
  actor: z.string().min(1).max(256),
  /** Dotted verb, e.g. "order.book". */
  action: z.string().min(1).max(128),
  /** What was acted on, e.g. "order/<uuid>". */
  resource: z.string().min(1).max(512),
  outcome: z.enum(AUDIT_OUTCOMES),
  data: z
    .record(z.string(), z.unknown())
    .refine(
      (d) => Buffer.byteLength(JSON.stringify(d), "utf8") <= AUDIT_DATA_MAX_BYTES,
      `must serialize to at most ${AUDIT_DATA_MAX_BYTES} bytes`,
    ),
});

export type AuditEvent = z.infer<typeof auditEventSchema>;

/** Where audit events go: SNS in AWS, a log or an in-memory list locally and in tests. */
export interface AuditPublisher {
  publish(event: AuditEvent): Promise<void>;
}

export type NewAuditEvent = Omit<AuditEvent, "event_id" | "timestamp">;

/** Stamps a fresh id and the current UTC time on an event. */
export function newAuditEvent(fields: NewAuditEvent, now: Date = new Date()): AuditEvent {
  return { event_id: randomUUID(), timestamp: now.toISOString(), ...fields };
}

/** Keeps events in memory: for tests and the local dev server. */
export class MemoryAuditPublisher implements AuditPublisher {
  readonly events: AuditEvent[] = [];
  async publish(event: AuditEvent): Promise<void> {
    this.events.push(auditEventSchema.parse(event));
  }
}
