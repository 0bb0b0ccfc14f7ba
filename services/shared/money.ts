/**
 * Exact decimal arithmetic on BigInt for money. A Decimal is `units × 10^-scale`; nothing here
 * ever touches a JavaScript number, so no amount is ever a float.
 */

export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

export interface ParseDecimalOptions {
  /** Most digits allowed after the point. Default: unlimited. */
  readonly maxScale?: number;
  /** Most digits allowed before the point. Default 18, which bounds BigInt sizes. */
  readonly maxIntegerDigits?: number;
}

/**
 * Parses a non-negative decimal string ("1000", "0.5", "1.08345"). Returns undefined for
 * anything else (signs, exponents, spaces, leading zeros, too many digits), so callers can
 * name the field in their own error.
 */
export function parseDecimal(text: string, options: ParseDecimalOptions = {}): Decimal | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const integer = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (integer.length > (options.maxIntegerDigits ?? 18)) return undefined;
  if (options.maxScale !== undefined && fraction.length > options.maxScale) return undefined;
  return { units: BigInt(integer + fraction), scale: fraction.length };
}

/** Exact product; the scale is the sum of the scales. */
export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** Same value at a larger scale ("1.5" → "1.500"). */
export function rescaleUp(d: Decimal, scale: number): Decimal {
  if (scale < d.scale) throw new RangeError(`cannot rescale ${d.scale} decimals up to ${scale}`);
  return { units: d.units * 10n ** BigInt(scale - d.scale), scale };
}

/**
 * Rounds to `scale` decimals, ties to even (banker's rounding): the rule for every amount this
 * platform computes, because it has no upward bias when summed over many trades.
 */
export function roundHalfEven(d: Decimal, scale: number): Decimal {
  if (scale >= d.scale) return rescaleUp(d, scale);
  const divisor = 10n ** BigInt(d.scale - scale);
  const negative = d.units < 0n;
  const magnitude = negative ? -d.units : d.units;
  let quotient = magnitude / divisor;
  const twiceRemainder = (magnitude % divisor) * 2n;
  if (twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n)) {
    quotient += 1n;
  }
  return { units: negative ? -quotient : quotient, scale };
}

/** -1, 0 or 1, comparing values regardless of scale. */
export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = rescaleUp(a, scale).units;
  const y = rescaleUp(b, scale).units;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Fixed-point text with exactly `d.scale` decimals ("1083.45", "0.10", "151"). */
export function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, "0");
  const integer = d.scale === 0 ? digits : digits.slice(0, -d.scale);
  const fraction = d.scale === 0 ? "" : `.${digits.slice(-d.scale)}`;
  return `${negative ? "-" : ""}${integer}${fraction}`;
}
