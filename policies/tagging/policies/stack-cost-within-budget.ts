/**
 * The plan's monthly cost estimate against the budget it declares (platform:budget.monthlyUsd,
 * which creates the stack's AWS Budget). Advisory: a cost overrun is a finance decision, not a
 * security failure, so it informs the pull request and never blocks a deploy. Not a PCI control
 * in itself: it is filed under 12.5.1 because it prices the same inventory of in-scope components.
 */
import { budgetOf, budgetVerdict, BUDGET_TYPE } from "../../../platform-rules/cost/budget";
import { estimateCost } from "../../../platform-rules/cost/estimate";
import type { CostInput } from "../../../platform-rules/cost/pricers";
import { loadUsage } from "../../../platform-rules/cost/usage";
import { stackPolicy, type PolicyResource } from "../../lib/types";

/** `urn:pulumi:<stack>::<project>::…` → the stack. */
const stackOf = (urn: string): string | undefined => /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];

/** Our own components (platform:…) and the stack carry no cost; awsx's VPC is priced from its args. */
const isCustom = (type: string): boolean =>
  !type.startsWith("platform:") && type !== "pulumi:pulumi:Stack" && !type.startsWith("awsx:");

function costInputs(resources: readonly PolicyResource[]): (CostInput & { custom: boolean })[] {
  const out = new Map<string, CostInput & { custom: boolean }>();
  for (const r of resources) {
    if (r.provider && !out.has(r.provider.urn)) {
      out.set(r.provider.urn, {
        urn: r.provider.urn,
        type: r.provider.type,
        name: r.provider.name,
        inputs: r.provider.props,
        custom: true,
      });
    }
    out.set(r.urn, {
      urn: r.urn,
      type: r.type,
      name: r.name,
      inputs: r.props,
      provider: r.provider ? `${r.provider.urn}::id` : undefined,
      custom: isCustom(r.type),
    });
  }
  return [...out.values()];
}

export const stackCostWithinBudget = stackPolicy({
  name: "stack-cost-within-budget",
  description:
    "The plan's monthly cost estimate (npm run cost) stays within the stack's budget (platform:budget.monthlyUsd).",
  enforcementLevel: "advisory",
  severity: "low",
  pci: ["12.5.1"],
  resourceTypes: [BUDGET_TYPE, "every priced resource"],
  fix: "Lower the cost (npm run cost -- --stack <stack> lists what dominates, fixed cost first) or raise platform:budget.monthlyUsd.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const inputs = costInputs(args.resources);
    const budget = budgetOf(inputs);
    if (budget === undefined) return args.notApplicable("The stack declares no monthly cost budget (platform:budget)");
    const stack = stackOf(args.resources[0]?.urn ?? "");
    if (!stack) return args.notApplicable("The stack's name cannot be read from its URNs");
    const estimate = estimateCost(inputs, { stack, usage: loadUsage(stack) });
    const verdict = budgetVerdict(estimate, budget);
    const unpriced =
      estimate.notPriced.length > 0
        ? ` (${estimate.notPriced.length} resources not priced: npm run cost lists them)`
        : "";
    if (!verdict.withinBudget) report(`${verdict.message}${unpriced}`);
  },
});
