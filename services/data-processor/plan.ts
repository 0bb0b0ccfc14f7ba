/**
 * Decides what one source file becomes: normalized JSON-lines objects per UTC date, or a
 * quarantine reason. Pure: bytes in, object keys and bodies out, so the same input always plans
 * the same output (the basis of idempotent redelivery).
 */
import { outputKey } from "./keys";
import { formatOfKey, parseMarketFile, type ParseFailureCode, type ParsedRow } from "./parse";
import type { ObjectRef } from "./s3-event";

export type QuarantineCode = ParseFailureCode | "unsupported-format" | "too-large" | "too-many-dates";

/**
 * A file may fill at most this many output objects (UTC dates) at once: each is an open upload
 * holding up to two 5 MiB parts, so this bounds the processor's memory. Split larger spans by day.
 */
export const MAX_OUTPUT_DATES = 8;

export interface QuarantineReason {
  readonly code: QuarantineCode;
  readonly message: string;
  readonly problems: readonly string[];
  readonly totalProblems: number;
}

export interface OutputObject {
  readonly key: string;
  readonly body: string;
  readonly rows: number;
}

export type Plan =
  | { readonly kind: "publish"; readonly outputs: readonly OutputObject[]; readonly rows: number }
  | { readonly kind: "quarantine"; readonly reason: QuarantineReason };

const MESSAGES: Record<QuarantineCode, string> = {
  "unsupported-format": "the key must end in .csv, .jsonl or .ndjson",
  "too-large": "the file is larger than MAX_OBJECT_BYTES",
  "bad-encoding": "the file is not valid UTF-8",
  "bad-header": "the CSV header is not exactly pair, bid, ask, timestamp",
  "bad-rows": "one or more rows are invalid; the whole file is quarantined",
  "no-rows": "the file has no data rows",
  "too-many-dates": `the file spans more than ${MAX_OUTPUT_DATES} UTC dates; split it by day`,
};

export function quarantine(code: QuarantineCode, problems: readonly string[], totalProblems = problems.length): Plan {
  return { kind: "quarantine", reason: { code, message: MESSAGES[code], problems, totalProblems } };
}

export function planTooLarge(ref: ObjectRef, size: number, maxBytes: number): Plan {
  return quarantine("too-large", [`${ref.key} is ${size} bytes; the limit is ${maxBytes}`]);
}

/** The UTC date (output partition) of a row. */
export function outputDate(parsed: ParsedRow): string {
  return parsed.row.timestamp.slice(0, 10);
}

/** One output line (without its newline): the normalized row with its lineage. */
export function outputLine(ref: ObjectRef, { line, row }: ParsedRow): string {
  return JSON.stringify({
    ...row,
    source_key: ref.key,
    source_version: ref.versionId ?? ref.eTag ?? null,
    source_line: line,
  });
}

export function tooManyDates(dates: number): Plan {
  return quarantine("too-many-dates", [
    `the rows fall on ${dates > MAX_OUTPUT_DATES ? `more than ${MAX_OUTPUT_DATES}` : dates} UTC dates; at most ${MAX_OUTPUT_DATES} per file`,
  ]);
}

/** The whole pipeline in memory, for small inputs and tests: the streaming processor writes the same keys and bytes. */
export function planObject(ref: ObjectRef, bytes: Uint8Array, outputPrefix: string): Plan {
  const format = formatOfKey(ref.key);
  if (!format) return quarantine("unsupported-format", [`${ref.key} has no .csv, .jsonl or .ndjson extension`]);
  const parsed = parseMarketFile(bytes, format);
  if (!parsed.ok) return quarantine(parsed.code, parsed.problems, parsed.totalProblems);
  const byDate = new Map<string, string[]>();
  for (const parsedRow of parsed.rows) {
    const date = outputDate(parsedRow);
    const lines = byDate.get(date) ?? [];
    lines.push(outputLine(ref, parsedRow));
    byDate.set(date, lines);
  }
  if (byDate.size > MAX_OUTPUT_DATES) return tooManyDates(byDate.size);
  const outputs = [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, lines]) => ({
      key: outputKey(outputPrefix, date, ref),
      body: `${lines.join("\n")}\n`,
      rows: lines.length,
    }));
  return { kind: "publish", outputs, rows: parsed.rows.length };
}
