/**
 * The stack's budget as the plan declares it: the monthly AWS Budget that stacks/ creates from
 * platform:budget.monthlyUsd. The cost CLI and the advisory budget policy both read it from
 * there, so the number alarmed on in AWS and the number checked before deploy are one.
 */
import type { BudgetVerdict, CostEstimate } from "./estimate-types";
import type { CostInput } from "./pricers";

export const BUDGET_TYPE = "aws:budgets/budget:Budget";
export const BUDGET_CONFIG_KEY = "platform:budget.monthlyUsd";

/** The monthly USD cost budget of the plan, if it declares exactly one; undefined otherwise. */
export function budgetOf(resources: readonly CostInput[]): number | undefined {
  const budgets = resources.filter(
    (r) =>
      r.type === BUDGET_TYPE &&
      r.inputs["budgetType"] === "COST" &&
      r.inputs["timeUnit"] === "MONTHLY" &&
      r.inputs["limitUnit"] === "USD",
  );
  if (budgets.length !== 1) return undefined;
  const amount = Number(budgets[0]!.inputs["limitAmount"]);
  return Number.isFinite(amount) && amount > 0 ? amount : undefined;
}

const usd = (n: number): string => `$${n.toFixed(2)}`;

export function budgetVerdict(estimate: Pick<CostEstimate, "stack" | "monthly">, monthlyUsd: number): BudgetVerdict {
  const overBy = Math.round((estimate.monthly.total - monthlyUsd) * 100) / 100;
  const withinBudget = overBy <= 0;
  const share = ((estimate.monthly.total / monthlyUsd) * 100).toFixed(0);
  const message = withinBudget
    ? `Budget: ${usd(estimate.monthly.total)} is ${share} % of ${BUDGET_CONFIG_KEY} ${usd(monthlyUsd)} for stack ${estimate.stack}.`
    : `Budget: ${usd(estimate.monthly.total)} is over ${BUDGET_CONFIG_KEY} ${usd(monthlyUsd)} for stack ${estimate.stack} by ${usd(overBy)} (${share} %): ` +
      `lower the cost (npm run cost -- --stack ${estimate.stack} shows what dominates) or raise the budget.`;
  return { monthlyUsd, overBy, withinBudget, message };
}
