/** ISO-8601 UTC instants as both processors accept them: strict form, real calendar, one spelling. */

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
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1970 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const fraction = (m[7] ?? "").padEnd(3, "0");
  const trimmed = fraction.slice(0, 3) + fraction.slice(3).replace(/0+$/, "");
  return `${text.slice(0, 19)}.${trimmed}Z`;
}
