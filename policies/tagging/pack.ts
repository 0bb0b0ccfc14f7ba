import type { PackDefinition } from "../lib/types";
import { allowedTagValues } from "./policies/allowed-tag-values";
import { requiredTags } from "./policies/required-tags";
import { stackCostWithinBudget } from "./policies/stack-cost-within-budget";

export const taggingPack: PackDefinition = {
  name: "tagging",
  description:
    "Required tags with controlled values on every taggable AWS and Azure resource (PCI DSS " +
    "v4.0.1 12.5.1 inventory), and the stack's cost estimate within its budget (advisory).",
  policies: [requiredTags, allowedTagValues, stackCostWithinBudget],
};
