/**
 * Execution at the reference rate. Rounding rule: notional = quantity × price, rounded
 * half-even to the quote currency's minor units (e.g. 2 for USD, 0 for JPY).
 */
import { UnprocessableError } from "../../shared/errors";
import { compare, formatDecimal, multiply, parseDecimal, roundHalfEven, type Decimal } from "../../shared/money";
import { minorUnits, parsePair } from "./currency";
import type { ValidOrder } from "./order";

/** A reference rate: how many units of the quote currency one unit of the base buys. */
export interface ReferenceRate {
  readonly pair: string;
  readonly rate: Decimal;
  /** Where the rate came from, recorded in the ledger (e.g. "static-table", a feed name). */
  readonly source: string;
}

/**
 * Where reference rates come from. The default is a deterministic table; production would
 * plug in a feed-backed source (see README) behind this same interface.
 */
export interface RateSource {
  /** The current rate, or undefined when the source has none for the pair. */
  getRate(pair: string): Promise<ReferenceRate | undefined>;
}

/** Fixed, deterministic rates: the default for local runs, tests and benchmarks. */
export const DEFAULT_REFERENCE_RATES: Readonly<Record<string, string>> = {
  "EUR/USD": "1.08345",
  "GBP/USD": "1.26910",
  "USD/JPY": "151.237",
  "USD/CHF": "0.88215",
  "AUD/USD": "0.65870",
  "USD/CAD": "1.36540",
  "EUR/GBP": "0.85370",
  "EUR/JPY": "163.856",
};

export class StaticRateSource implements RateSource {
  private readonly rates: ReadonlyMap<string, Decimal>;

  constructor(table: Readonly<Record<string, string>> = DEFAULT_REFERENCE_RATES) {
    const rates = new Map<string, Decimal>();
    const bad: string[] = [];
    for (const [pair, text] of Object.entries(table)) {
      const rate = parseDecimal(text, { maxScale: 8 });
      if (!parsePair(pair) || !rate || rate.units === 0n) bad.push(`${pair}=${text}`);
      else rates.set(pair, rate);
    }
    if (bad.length > 0)
      throw new Error(`invalid reference rates (need BASE/QUOTE=positive decimal): ${bad.join(", ")}`);
    this.rates = rates;
  }

  pairs(): string[] {
    return [...this.rates.keys()];
  }

  async getRate(pair: string): Promise<ReferenceRate | undefined> {
    const rate = this.rates.get(pair);
    return rate && { pair, rate, source: "static-table" };
  }
}

export interface Execution {
  readonly price: string;
  readonly notional: string;
  readonly notionalCurrency: string;
  readonly rateSource: string;
}

/** Whether a LIMIT order fills at `rate`: a BUY caps the price it pays, a SELL floors it. */
export function isMarketable(order: ValidOrder, rate: Decimal): boolean {
  if (order.type === "MARKET" || order.limitPrice === undefined) return true;
  const cmp = compare(rate, order.limitPrice);
  return order.side === "BUY" ? cmp <= 0 : cmp >= 0;
}

/** Executes at the reference rate, or throws 422 NOT_MARKETABLE for a LIMIT it cannot fill. */
export function execute(order: ValidOrder, reference: ReferenceRate): Execution {
  if (!isMarketable(order, reference.rate)) {
    throw new UnprocessableError(
      "NOT_MARKETABLE",
      `LIMIT ${order.side} at ${order.limitPriceText} cannot fill at the reference rate ${formatDecimal(reference.rate)}`,
      [{ path: "body.limitPrice", message: "not marketable at the current reference rate" }],
    );
  }
  const quoteUnits = minorUnits(order.quote);
  return {
    price: formatDecimal(reference.rate),
    notional: formatDecimal(roundHalfEven(multiply(order.quantity, reference.rate), quoteUnits)),
    notionalCurrency: order.quote,
    rateSource: reference.source,
  };
}
