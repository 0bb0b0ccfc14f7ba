/**
 * Validation and canonical form of one audit event. The contract itself is
 * `auditEventSchema` in services/shared/audit-event.ts (shared with every producer); this module
 * adds only what storage needs: a real calendar check and one canonical spelling per id and
 * instant, so a redelivery is recognised however it was formatted.
 */
import { createHash } from "node:crypto";
import { auditEventSchema, type AuditEvent } from "../shared/audit-event";
import { InvalidInputError } from "../processing/errors";

declare const canonical: unique symbol;
/** An event that passed the shared contract, with canonical `event_id` and `timestamp` (type-only brand). */
export type CanonicalAuditEvent = AuditEvent & { readonly [canonical]: true };

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * The one spelling of an ISO-8601 UTC instant: at least millisecond precision, finer digits kept
 * but trailing zeros past the third dropped ("…05Z" and "…05.000000Z" → "…05.000Z",
 * "…05.1234500Z" → "…05.12345Z"). Undefined when the text is not a real UTC instant
 * (Feb 30, hour 24, second 60, or not of the form YYYY-MM-DDTHH:mm:ss[.f{1,9}]Z).
 */
export function canonicalTimestamp(text: string): string | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (year < 1970 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const fraction = (m[7] ?? "").padEnd(3, "0");
  const trimmed = fraction.slice(0, 3) + fraction.slice(3).replace(/0+$/, "");
  return `${text.slice(0, 19)}.${trimmed}Z`;
}

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
