/**
 * The stack's monthly AWS Budget and the account's cost-anomaly alerts, from platform:budget
 * (none when the stack sets no budget). The anomaly monitor is an account singleton: created
 * only when the stack owns the account baseline; a landing zone's monitor covers a provided one.
 */
import { CostAnomalyAlerts, StackBudget } from "../../components/cost";
import type { AlertRoutes } from "./alerts";
import type { StackContext } from "./contracts";

export interface CostExports {
  readonly exports: Record<string, unknown>;
}

export function composeCost(ctx: StackContext, routes: AlertRoutes): CostExports {
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
  if (ctx.config.account.baseline !== "managed") return { exports: { budgetName: stackBudget.budgetName } };
  const anomalies = new CostAnomalyAlerts(
    "cost-anomaly",
    { topicArn: routes.ticket, thresholdUsd: budget.anomalyThresholdUsd, stack: ctx.config.stack },
    { providers: { aws: ctx.aws } },
  );
  return { exports: { budgetName: stackBudget.budgetName, costAnomalyMonitorArn: anomalies.monitorArn } };
}
