export { StackBudget, stackBudgetArgsProblems, DEFAULT_THRESHOLDS, type StackBudgetArgs } from "./budget";
