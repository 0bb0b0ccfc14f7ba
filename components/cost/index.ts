export { StackBudget, stackBudgetArgsProblems, DEFAULT_THRESHOLDS, type StackBudgetArgs } from "./budget";
export { CostAnomalyAlerts, costAnomalyAlertsArgsProblems, type CostAnomalyAlertsArgs } from "./anomaly";
