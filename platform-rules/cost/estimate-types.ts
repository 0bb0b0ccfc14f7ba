/**
 * The cost estimate document: what `npm run cost -- --json` writes and `--compare` reads. A
 * public interface (docs/cost-format.md): fields are only ever added.
 */

/** `fixed`: billed with no traffic at all (the idle cost); `usage`: from the usage assumptions. */
export type CostKind = "fixed" | "usage";

export interface CostComponent {
  /** What is billed, e.g. "NAT gateway hours". */
  readonly name: string;
  readonly kind: CostKind;
  /** The catalog unit, e.g. "hour", "1M requests". */
  readonly unit: string;
  /** Units a month before any free allowance. */
  readonly quantity: number;
  /** Units of `quantity` covered by an always-free allowance (only with `applyFreeTier`). */
  readonly freeQuantity?: number;
  readonly unitPrice: number;
  /** (quantity - freeQuantity) × unitPrice, in USD, rounded to cents. */
  readonly monthly: number;
  /** The catalog entry priced, `<region>/<item>`. */
  readonly price: string;
}

export interface ResourceCost {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Total monthly USD of the resource (fixed + usage). */
  readonly monthly: number;
  /** The fixed (idle) part of `monthly`. */
  readonly fixed: number;
  readonly components: readonly CostComponent[];
}

export interface NotPriced {
  readonly urn: string;
  readonly type: string;
  readonly reason: string;
}

export interface CostEstimate {
  readonly stack: string;
  readonly currency: "USD";
  /** Date of the price catalog. */
  readonly pricesAsOf: string;
  readonly monthly: { readonly total: number; readonly fixed: number; readonly usage: number };
  /** Resources with a price, most expensive first. */
  readonly resources: readonly ResourceCost[];
  /** Resources the estimate could not price: never a silent $0. */
  readonly notPriced: readonly NotPriced[];
  /** The stack's budget (platform:budget.monthlyUsd) against `monthly.total`, when it has one. */
  readonly budget?: BudgetVerdict;
  /** With `--compare FILE`: the change against that earlier estimate. */
  readonly compare?: {
    readonly against: string;
    readonly total: number;
    readonly fixed: number;
    readonly changes: readonly {
      readonly urn: string;
      readonly name: string;
      readonly type: string;
      readonly before: number;
      readonly after: number;
    }[];
  };
}

export interface BudgetVerdict {
  readonly monthlyUsd: number;
  /** `monthly.total` minus the budget: positive when over. */
  readonly overBy: number;
  readonly withinBudget: boolean;
  readonly message: string;
}
