/**
 * The audit event every service emits (published to the audit SNS topic, stored by the audit
 * processor). One schema, shared by producer and consumer, so they cannot drift apart.
 */
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { storedJsonProblems } from "./json-limits";
import { maskPans } from "./pan";

export const AUDIT_OUTCOMES = ["SUCCESS", "FAILURE", "DENIED"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Serialized `data` may not exceed this; SNS messages top out at 256 KiB with the envelope. */
export const AUDIT_DATA_MAX_BYTES = 16 * 1024;

/** `data` may nest objects and arrays at most this deep (`{ "a": 1 }` is depth 1). */
export const AUDIT_DATA_MAX_DEPTH = 32;

/** `resource` may not be longer than this (UTF-16 code units, as zod counts). */
export const AUDIT_RESOURCE_MAX_CHARS = 512;

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
  resource: z.string().min(1).max(AUDIT_RESOURCE_MAX_CHARS),
  outcome: z.enum(AUDIT_OUTCOMES),
  data: z
    .unknown()
    // On the input, before the record copy below would drop a __proto__ member unseen.
    .superRefine((d, ctx) => {
      for (const message of storedJsonProblems(d, AUDIT_DATA_MAX_DEPTH)) ctx.addIssue({ code: "custom", message });
    })
    .pipe(z.record(z.string(), z.unknown()))
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

/** What `boundedAuditResource` cut, recorded in the event's data so the cut is never silent. */
export interface AuditResourceCut {
  /** The full text's length in UTF-16 code units. */
  readonly resourceLength: number;
  /** SHA-256 (hex) of the full UTF-8 text, so the original can be matched without storing it. */
  readonly resourceSha256: string;
  readonly resourceTruncated: true;
}

/**
 * Fits caller-controlled text (e.g. "GET <path>" of a denied request) into `resource`, card
 * numbers masked to their last four digits (PCI DSS 3.4.1): text that
 * is too long is cut and marked with "…", and its length and hash are returned for `data`, so an
 * event that must always be recorded (PCI DSS 10.2.1: failed logins) can never fail validation.
 */
export function boundedAuditResource(text: string): { readonly resource: string; readonly cut?: AuditResourceCut } {
  // A card number in caller text is masked first: neither it nor an unkeyed hash of it is ever stored.
  const full = text === "" ? "-" : maskPans(text);
  if (full.length <= AUDIT_RESOURCE_MAX_CHARS) return { resource: full };
  let kept = full.slice(0, AUDIT_RESOURCE_MAX_CHARS - 1);
  // Never end on half a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return {
    resource: `${kept}…`,
    cut: {
      resourceLength: full.length,
      resourceSha256: createHash("sha256").update(full, "utf8").digest("hex"),
      resourceTruncated: true,
    },
  };
}
