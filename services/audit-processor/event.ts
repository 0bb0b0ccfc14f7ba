/**
 * Validation and canonical form of one audit event. The contract itself is
 * `auditEventSchema` in services/shared/audit-event.ts (shared with every producer); this module
 * adds only what storage needs: a real calendar check and one canonical spelling per id and
 * instant, so a redelivery is recognised however it was formatted.
 */
import { createHash } from "node:crypto";
import { auditEventSchema, type AuditEvent } from "../shared/audit-event";
import { InvalidInputError } from "../processing/errors";
import { canonicalTimestamp } from "../processing/timestamp";

declare const canonical: unique symbol;
/** An event that passed the shared contract, with canonical `event_id` and `timestamp` (type-only brand). */
export type CanonicalAuditEvent = AuditEvent & { readonly [canonical]: true };

/** JSON with object keys sorted at every level: equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the canonical event: the identity of its content for duplicate detection. */
export function contentHash(event: CanonicalAuditEvent): string {
  return createHash("sha256").update(canonicalJson(event)).digest("hex");
}

/**
 * Checks a decoded message payload against the shared contract and canonicalises it. Throws one
 * InvalidInputError (code `invalid-audit-event`) listing every problem by field.
 */
export function parseAuditEvent(payload: unknown): CanonicalAuditEvent {
  const parsed = auditEventSchema.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "event"}: ${i.message}`);
    throw new InvalidInputError("invalid-audit-event", `audit event rejected: ${problems.join("; ")}`, problems);
  }
  const timestamp = canonicalTimestamp(parsed.data.timestamp);
  if (timestamp === undefined) {
    const problem = `timestamp: ${JSON.stringify(parsed.data.timestamp)} is not a real UTC instant from 1970 on`;
    throw new InvalidInputError("invalid-audit-event", `audit event rejected: ${problem}`, [problem]);
  }
  return { ...parsed.data, event_id: parsed.data.event_id.toLowerCase(), timestamp } as CanonicalAuditEvent;
}
