/**
 * Parses a whole market-data file into validated rows. All or nothing: one bad row (or a bad
 * header) fails the file, because a partially ingested quote file leaves silent gaps that
 * analytics cannot tell from a quiet market. Problems name their line number; at most
 * MAX_REPORTED_PROBLEMS are kept, with the total counted.
 */
import { jsonNestingDepth } from "../shared/json-limits";
import { ROW_FIELDS, show, validateRow, type MarketRow } from "./row";

export type FileFormat = "csv" | "jsonl";

export const MAX_REPORTED_PROBLEMS = 20;

export interface ParsedRow {
  /** 1-based line number in the source file. */
  readonly line: number;
  readonly row: MarketRow;
}

export type ParseFailureCode = "bad-encoding" | "bad-header" | "bad-rows" | "no-rows";

export type ParseResult =
  | { readonly ok: true; readonly rows: readonly ParsedRow[] }
  | { readonly ok: false; readonly code: ParseFailureCode; readonly problems: readonly string[]; readonly totalProblems: number };

/** The format a key's extension names (case-insensitive), or undefined. */
export function formatOfKey(key: string): FileFormat | undefined {
  const lower = key.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return undefined;
}

/** Splits one CSV line (RFC 4180 quoting, no embedded newlines). Undefined if a quote is unbalanced. */
export function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let value = "";
    if (line[i] === '"') {
      i += 1;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) return undefined;
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < line.length && line[i] !== ",") return undefined;
    } else {
      const comma = line.indexOf(",", i);
      const end = comma === -1 ? line.length : comma;
      value = line.slice(i, end);
      if (value.includes('"')) return undefined;
      i = end;
    }
    fields.push(value);
    if (i >= line.length) return fields;
    i += 1;
  }
}

class Problems {
  readonly kept: string[] = [];
  total = 0;
  add(problem: string): void {
    this.total += 1;
    if (this.kept.length < MAX_REPORTED_PROBLEMS) this.kept.push(problem);
  }
}

function failure(code: ParseFailureCode, problems: Problems): ParseResult {
  return { ok: false, code, problems: problems.kept, totalProblems: problems.total };
}

function lines(text: string): { line: number; text: string }[] {
  return text
    .split(/\r?\n/)
    .map((t, i) => ({ line: i + 1, text: t }))
    .filter((l) => l.text.trim() !== "");
}

function csvRecords(text: string, problems: Problems): { line: number; raw: Record<string, string> }[] | "bad-header" {
  const [header, ...body] = lines(text);
  if (!header) return [];
  const names = splitCsvLine(header.text)?.map((n) => n.trim().toLowerCase());
  const expected = [...ROW_FIELDS].sort().join(",");
  if (!names || [...names].sort().join(",") !== expected) {
    problems.add(`line ${header.line}: header must name exactly the columns ${ROW_FIELDS.join(", ")} (any order); got ${show(header.text)}`);
    return "bad-header";
  }
  const records: { line: number; raw: Record<string, string> }[] = [];
  for (const { line, text: lineText } of body) {
    const values = splitCsvLine(lineText);
    if (!values) problems.add(`line ${line}: unbalanced quotes`);
    else if (values.length !== names.length) problems.add(`line ${line}: expected ${names.length} fields, got ${values.length}`);
    else records.push({ line, raw: Object.fromEntries(names.map((n, i) => [n, values[i]?.trim()])) });
  }
  return records;
}

function jsonlRecords(text: string, problems: Problems): { line: number; raw: Record<string, unknown> }[] {
  const records: { line: number; raw: Record<string, unknown> }[] = [];
  for (const { line, text: lineText } of lines(text)) {
    // A row is one flat object; deeper nesting is refused before parsing, so nothing recursive
    // (the parse, a message quoting the value) ever meets a line nested thousands of levels deep.
    if (jsonNestingDepth(lineText) > 1) {
      problems.add(`line ${line}: must be one flat JSON object (nested objects or arrays are not allowed)`);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch {
      problems.add(`line ${line}: not valid JSON`);
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.add(`line ${line}: must be a JSON object`);
      continue;
    }
    const extra = Object.keys(value).filter((k) => !(ROW_FIELDS as readonly string[]).includes(k));
    if (extra.length > 0) problems.add(`line ${line}: unknown field(s) ${extra.map((k) => show(k)).join(", ")}`);
    else records.push({ line, raw: value as Record<string, unknown> });
  }
  return records;
}

/** Parses decoded file text; never throws for any input string. */
export function parseMarketText(text: string, format: FileFormat): ParseResult {
  const problems = new Problems();
  const records = format === "csv" ? csvRecords(text, problems) : jsonlRecords(text, problems);
  if (records === "bad-header") return failure("bad-header", problems);
  const rows: ParsedRow[] = [];
  for (const { line, raw } of records) {
    const result = validateRow(raw);
    if (result.ok) rows.push({ line, row: result.row });
    else for (const p of result.problems) problems.add(`line ${line}: ${p}`);
  }
  if (problems.total > 0) return failure("bad-rows", problems);
  if (rows.length === 0) {
    problems.add("the file has no data rows");
    return failure("no-rows", problems);
  }
  return { ok: true, rows };
}

/** Decodes UTF-8 strictly (a leading BOM is dropped) and parses. */
export function parseMarketFile(bytes: Uint8Array, format: FileFormat): ParseResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const problems = new Problems();
    problems.add("the file is not valid UTF-8");
    return failure("bad-encoding", problems);
  }
  return parseMarketText(text, format);
}
