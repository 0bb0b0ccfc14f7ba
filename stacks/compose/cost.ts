/** The stack's monthly AWS Budget, from platform:budget (none when the stack sets no budget). */
import { StackBudget } from "../../components/cost";
import type { StackContext } from "./contracts";

export interface CostExports {
  readonly exports: Record<string, unknown>;
}

export function composeCost(ctx: StackContext): CostExports {
  const budget = ctx.config.budget;
  if (!budget) return { exports: {} };
  const stackBudget = new StackBudget(
    "budget",
    {
      monthlyUsd: budget.monthlyUsd,
      alertEmails: budget.alertEmails,
      thresholdsPercent: budget.thresholdsPercent,
      // Each stack is its own account and Environment value, so this tag selects exactly its spend.
      costAllocationTag: { key: "Environment", value: ctx.config.environment },
    },
    { providers: { aws: ctx.aws } },
  );
  return { exports: { budgetName: stackBudget.budgetName } };
}
