/**
 * One market-data row: `pair, bid, ask, timestamp`. Prices are decimal strings handled as exact
 * BigInt decimals (services/shared/money.ts); a JSON number is refused because it may already
 * have lost precision upstream.
 */
import { compare, formatDecimal, parseDecimal, rescaleUp, type Decimal } from "../shared/money";
import { canonicalTimestamp } from "../processing/timestamp";

export const ROW_FIELDS = ["pair", "bid", "ask", "timestamp"] as const;
export type RowField = (typeof ROW_FIELDS)[number];

/** At most this many digits after the point (FX quotes use 5; some crosses more). */
export const MAX_PRICE_SCALE = 10;
/** At most this many digits before the point (USD/IDR is ~16000; this leaves room). */
export const MAX_PRICE_INTEGER_DIGITS = 12;

const PAIR = /^([A-Z]{3})\/([A-Z]{3})$/;

/** A validated, normalized row as written to the analytics bucket. */
export interface MarketRow {
  readonly pair: string;
  readonly bid: string;
  readonly ask: string;
  /** ask − bid, exact, at the larger of the two scales. */
  readonly spread: string;
  /** Canonical ISO-8601 UTC (see processing/timestamp.ts). */
  readonly timestamp: string;
}

/** A value for an error message: JSON-quoted and cut short, so a huge field cannot flood a reason file. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? "missing" : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Array.isArray(value) ? "an array" : "an object"; // too deep (or cyclic) to quote
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export type RowResult =
  { readonly ok: true; readonly row: MarketRow } | { readonly ok: false; readonly problems: readonly string[] };

function price(field: "bid" | "ask", value: unknown, problems: string[]): Decimal | undefined {
  if (typeof value !== "string") {
    problems.push(
      `${field}: must be a decimal string like "1.08345"${typeof value === "number" ? ", not a JSON number" : ""}`,
    );
    return undefined;
  }
  const d = parseDecimal(value, { maxScale: MAX_PRICE_SCALE, maxIntegerDigits: MAX_PRICE_INTEGER_DIGITS });
  if (d === undefined) {
    problems.push(
      `${field}: ${show(value)} is not a plain decimal (digits, optional point, no sign or exponent, ` +
        `no leading zeros, at most ${MAX_PRICE_INTEGER_DIGITS} integer and ${MAX_PRICE_SCALE} fraction digits)`,
    );
    return undefined;
  }
  if (d.units === 0n) {
    problems.push(`${field}: must be greater than zero`);
    return undefined;
  }
  return d;
}

/** Validates one row given as field → raw value; collects every problem in field order. */
export function validateRow(raw: Readonly<Record<string, unknown>>): RowResult {
  const problems: string[] = [];
  const pair = raw["pair"];
  const pairMatch = typeof pair === "string" ? PAIR.exec(pair) : null;
  if (!pairMatch) problems.push(`pair: ${show(pair)} must be two ISO-4217 codes like "EUR/USD"`);
  else if (pairMatch[1] === pairMatch[2]) problems.push(`pair: ${show(pair)} has the same currency twice`);
  const bid = price("bid", raw["bid"], problems);
  const ask = price("ask", raw["ask"], problems);
  if (bid && ask && compare(bid, ask) > 0) problems.push(`bid ${show(raw["bid"])} is above ask ${show(raw["ask"])}`);
  const rawTimestamp = raw["timestamp"];
  const timestamp = typeof rawTimestamp === "string" ? canonicalTimestamp(rawTimestamp) : undefined;
  if (timestamp === undefined)
    problems.push(`timestamp: ${show(rawTimestamp)} must be ISO-8601 UTC like 2025-03-01T09:30:00.123Z`);
  if (problems.length > 0 || !bid || !ask || timestamp === undefined) return { ok: false, problems };
  const scale = Math.max(bid.scale, ask.scale);
  const spread = formatDecimal({ units: rescaleUp(ask, scale).units - rescaleUp(bid, scale).units, scale });
  return {
    ok: true,
    row: { pair: pair as string, bid: formatDecimal(bid), ask: formatDecimal(ask), spread, timestamp },
  };
}
