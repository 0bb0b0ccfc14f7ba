/**
 * ISO-4217 currencies the platform can quote, with their minor units (decimal places of the
 * smallest unit). Notional is rounded to the quote currency's minor units.
 */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  AUD: 2,
  BHD: 3,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CLP: 0,
  CNH: 2,
  CNY: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  OMR: 3,
  PHP: 2,
  PLN: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TND: 3,
  TRY: 2,
  TWD: 2,
  USD: 2,
  ZAR: 2,
};

export function isKnownCurrency(code: string): boolean {
  return Object.hasOwn(MINOR_UNITS, code);
}

/** Minor units of a known currency; throws for an unknown one (config is validated first). */
export function minorUnits(code: string): number {
  const units = MINOR_UNITS[code];
  if (units === undefined || !isKnownCurrency(code)) throw new RangeError(`unknown currency ${code}`);
  return units;
}

export interface CurrencyPair {
  readonly base: string;
  readonly quote: string;
}

/** "EUR/USD" → { base: "EUR", quote: "USD" }, or undefined unless both are known and differ. */
export function parsePair(text: string): CurrencyPair | undefined {
  const match = /^([A-Z]{3})\/([A-Z]{3})$/.exec(text);
  if (!match) return undefined;
  const [, base = "", quote = ""] = match;
  if (base === quote || !isKnownCurrency(base) || !isKnownCurrency(quote)) return undefined;
  return { base, quote };
}

/**
 * Parses the allowed-pairs setting ("EUR/USD,GBP/USD"). Collects every bad entry and throws
 * once, so a misconfigured deployment names all its mistakes at cold start.
 */
export function parseAllowedPairs(text: string): readonly string[] {
  const entries = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const bad = entries.filter((e) => parsePair(e) === undefined);
  if (entries.length === 0) throw new Error("ALLOWED_PAIRS must list at least one pair, e.g. EUR/USD");
  if (bad.length > 0) {
    throw new Error(
      `ALLOWED_PAIRS has invalid pairs (need BASE/QUOTE of two different ISO-4217 codes): ${bad.join(", ")}`,
    );
  }
  return [...new Set(entries)];
}
