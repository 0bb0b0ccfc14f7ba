/**
 * Order rules that hold wherever the order came from (API Gateway, Azure, a test): what a
 * valid order is, its fingerprint for idempotency, and the booked record clients see.
 */
import { createHash } from "node:crypto";
import { ValidationError, type ErrorDetail } from "../../shared/errors";
import { formatDecimal, parseDecimal, rescaleUp, type Decimal } from "../../shared/money";
import { parsePair } from "./currency";
import { canonicalJson } from "./ledger";

import { ORDER_SIDES as SIDES, ORDER_TYPES } from "../../../platform-rules/order-request";

export { SIDES, ORDER_TYPES };
export type Side = (typeof SIDES)[number];
export type OrderType = (typeof ORDER_TYPES)[number];

/** Quantity: base-currency amount, positive, at most 2 decimals and 12 integer digits. */
export const QUANTITY_SCALE = 2;
/** Limit price: positive, at most 8 decimals and 12 integer digits. */
export const PRICE_MAX_SCALE = 8;
const MAX_INTEGER_DIGITS = 12;

/** The order as the client sent it, already shape-checked (all strings). */
export interface OrderInput {
  readonly account: string;
  readonly pair: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly quantity: string;
  readonly limitPrice?: string | undefined;
}

export interface ValidOrder {
  readonly account: string;
  readonly pair: string;
  readonly base: string;
  readonly quote: string;
  readonly side: Side;
  readonly type: OrderType;
  /** At exactly QUANTITY_SCALE decimals. */
  readonly quantity: Decimal;
  readonly limitPrice?: Decimal | undefined;
  readonly limitPriceText?: string | undefined;
}

/** Checks the business rules, collecting every problem into one 400. */
export function validateOrder(input: OrderInput, allowedPairs: ReadonlySet<string>): ValidOrder {
  const problems: ErrorDetail[] = [];
  const pair = parsePair(input.pair);
  if (!pair || !allowedPairs.has(input.pair)) {
    problems.push({ path: "body.pair", message: `must be one of ${[...allowedPairs].join(", ")}` });
  }
  const quantity = parseDecimal(input.quantity, { maxScale: QUANTITY_SCALE, maxIntegerDigits: MAX_INTEGER_DIGITS });
  if (!quantity || quantity.units === 0n) {
    problems.push({
      path: "body.quantity",
      message: `must be a positive decimal string with at most ${QUANTITY_SCALE} decimals and ${MAX_INTEGER_DIGITS} integer digits`,
    });
  }
  let limitPrice: Decimal | undefined;
  if (input.type === "LIMIT") {
    limitPrice =
      input.limitPrice === undefined
        ? undefined
        : parseDecimal(input.limitPrice, { maxScale: PRICE_MAX_SCALE, maxIntegerDigits: MAX_INTEGER_DIGITS });
    if (input.limitPrice === undefined) {
      problems.push({ path: "body.limitPrice", message: "is required for a LIMIT order" });
    } else if (!limitPrice || limitPrice.units === 0n) {
      problems.push({
        path: "body.limitPrice",
        message: `must be a positive decimal string with at most ${PRICE_MAX_SCALE} decimals and ${MAX_INTEGER_DIGITS} integer digits`,
      });
    }
  } else if (input.limitPrice !== undefined) {
    problems.push({ path: "body.limitPrice", message: "is not allowed for a MARKET order" });
  }
  if (problems.length > 0 || !pair || !quantity) throw new ValidationError("invalid order", problems);
  return {
    account: input.account,
    pair: input.pair,
    base: pair.base,
    quote: pair.quote,
    side: input.side,
    type: input.type,
    quantity: rescaleUp(quantity, QUANTITY_SCALE),
    limitPrice,
    limitPriceText: limitPrice && formatDecimal(limitPrice),
  };
}

/**
 * SHA-256 of the order's meaning: "1.5" and "1.50" are the same order, so a retry that
 * reformats a number is still the same request.
 */
export function orderFingerprint(order: ValidOrder): string {
  const limit = order.limitPrice && formatDecimal(stripZeros(order.limitPrice));
  const meaning = {
    account: order.account,
    pair: order.pair,
    side: order.side,
    type: order.type,
    quantity: formatDecimal(order.quantity),
    limitPrice: limit ?? null,
  };
  return createHash("sha256").update(canonicalJson(meaning)).digest("hex");
}

function stripZeros(d: Decimal): Decimal {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

/** What the ledger stores for a booked order (the hashed payload). */
export interface OrderRecord {
  readonly orderId: string;
  readonly clientId: string;
  readonly account: string;
  readonly pair: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly quantity: string;
  readonly limitPrice: string | null;
  readonly price: string;
  readonly notional: string;
  readonly notionalCurrency: string;
  readonly rateSource: string;
  readonly bookedAt: string;
}

/** The 201 / GET body: exactly these fields, which clients depend on. */
export interface OrderView {
  readonly orderId: string;
  readonly status: "FILLED";
  readonly account: string;
  readonly pair: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly quantity: string;
  readonly price: string;
  readonly notional: string;
  /**
   * Where the order sits in the ledger: `chain` (0 = the frozen chain of before the split,
   * else 1..256 = chainOf(orderId)), its `sequence` within that chain and its entry `hash`.
   */
  readonly ledger: { readonly sequence: number; readonly hash: string; readonly chain: number };
}

export interface LedgerPosition {
  readonly chain: number;
  readonly sequence: number;
  readonly hash: string;
}

export function toOrderView(record: OrderRecord, ledger: LedgerPosition): OrderView {
  return {
    orderId: record.orderId,
    status: "FILLED",
    account: record.account,
    pair: record.pair,
    side: record.side,
    type: record.type,
    quantity: record.quantity,
    price: record.price,
    notional: record.notional,
    ledger: { sequence: ledger.sequence, hash: ledger.hash, chain: ledger.chain },
  };
}
