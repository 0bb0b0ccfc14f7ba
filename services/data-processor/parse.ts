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
  | {
      readonly ok: false;
      readonly code: ParseFailureCode;
      readonly problems: readonly string[];
      readonly totalProblems: number;
    };

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
  return text.split(/\r?\n/).map((t, i) => ({ line: i + 1, text: t }));
}

/**
 * Parses a market file line by line, keeping only its problems (at most MAX_REPORTED_PROBLEMS)
 * and counts, so memory does not grow with the file: the streaming processor feeds it lines as
 * they arrive and writes each row it returns; `parseMarketText` feeds it a whole text.
 */
export class MarketParser {
  private readonly problems = new Problems();
  private header: string[] | undefined;
  private badHeader = false;
  private rowCount = 0;

  constructor(private readonly format: FileFormat) {}

  /** True once any problem was found: the file will be quarantined, nothing may be published. */
  get failed(): boolean {
    return this.problems.total > 0;
  }

  get rows(): number {
    return this.rowCount;
  }

  /** One line of the file; the validated row when the line holds one. Blank lines are ignored. */
  push(line: number, text: string): ParsedRow | undefined {
    if (this.badHeader || text.trim() === "") return undefined;
    const raw = this.format === "csv" ? this.csvRecord(line, text) : this.jsonRecord(line, text);
    if (!raw) return undefined;
    const result = validateRow(raw);
    if (!result.ok) {
      for (const p of result.problems) this.problems.add(`line ${line}: ${p}`);
      return undefined;
    }
    this.rowCount += 1;
    return { line, row: result.row };
  }

  /** A line too long to be a row (the line reader skipped it). */
  tooLong(line: number, limit: number): void {
    this.problems.add(`line ${line}: longer than ${limit} characters; not a market-data row`);
  }

  /** The verdict once every line was pushed. */
  finish(): { readonly ok: true; readonly rows: number } | Extract<ParseResult, { ok: false }> {
    if (this.badHeader) return failure("bad-header", this.problems) as Extract<ParseResult, { ok: false }>;
    if (this.problems.total > 0) return failure("bad-rows", this.problems) as Extract<ParseResult, { ok: false }>;
    if (this.rowCount === 0) {
      this.problems.add("the file has no data rows");
      return failure("no-rows", this.problems) as Extract<ParseResult, { ok: false }>;
    }
    return { ok: true, rows: this.rowCount };
  }

  private csvRecord(line: number, text: string): Record<string, string | undefined> | undefined {
    if (!this.header) {
      const names = splitCsvLine(text)?.map((n) => n.trim().toLowerCase());
      const expected = [...ROW_FIELDS].sort().join(",");
      if (!names || [...names].sort().join(",") !== expected) {
        this.problems.add(
          `line ${line}: header must name exactly the columns ${ROW_FIELDS.join(", ")} (any order); got ${show(text)}`,
        );
        this.badHeader = true;
      } else this.header = names;
      return undefined;
    }
    const names = this.header;
    const values = splitCsvLine(text);
    if (!values) this.problems.add(`line ${line}: unbalanced quotes`);
    else if (values.length !== names.length)
      this.problems.add(`line ${line}: expected ${names.length} fields, got ${values.length}`);
    else return Object.fromEntries(names.map((n, i) => [n, values[i]?.trim()]));
    return undefined;
  }

  private jsonRecord(line: number, text: string): Record<string, unknown> | undefined {
    // A row is one flat object; deeper nesting is refused before parsing, so nothing recursive
    // (the parse, a message quoting the value) ever meets a line nested thousands of levels deep.
    if (jsonNestingDepth(text) > 1) {
      this.problems.add(`line ${line}: must be one flat JSON object (nested objects or arrays are not allowed)`);
      return undefined;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.problems.add(`line ${line}: not valid JSON`);
      return undefined;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.problems.add(`line ${line}: must be a JSON object`);
      return undefined;
    }
    const extra = Object.keys(value).filter((k) => !(ROW_FIELDS as readonly string[]).includes(k));
    if (extra.length > 0) {
      this.problems.add(`line ${line}: unknown field(s) ${extra.map((k) => show(k)).join(", ")}`);
      return undefined;
    }
    return value as Record<string, unknown>;
  }
}

/** Parses decoded file text; never throws for any input string. */
export function parseMarketText(text: string, format: FileFormat): ParseResult {
  const parser = new MarketParser(format);
  const rows: ParsedRow[] = [];
  for (const { line, text: lineText } of lines(text)) {
    const row = parser.push(line, lineText);
    if (row) rows.push(row);
  }
  const verdict = parser.finish();
  return verdict.ok ? { ok: true, rows } : verdict;
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
