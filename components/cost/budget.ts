/**
 * StackBudget: the stack's monthly AWS Budget, filtered to the stack's own cost-allocation tag,
 * with actual and forecast alerts at each threshold. The same limit is what `npm run cost` and
 * the advisory budget policy compare the plan's estimate with (platform-rules/cost/budget.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { validateArgs, type Problems } from "../common/validation";

/** AWS Budgets: at most 10 e-mail subscribers per notification. */
const MAX_EMAILS = 10;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface StackBudgetArgs {
  /** The monthly limit in USD; > 0. */
  readonly monthlyUsd: number;
  /** Who is told (1 to 10 addresses). */
  readonly alertEmails: readonly string[];
  /** Percentages of the limit that alert, each for actual and for forecast spend. Default [80, 100]; 1-1000 each. */
  readonly thresholdsPercent?: readonly number[];
  /**
   * Cost-allocation tag that selects the stack's spend, `key` and `value` (e.g. Environment=prod).
   * The tag must be activated as a cost-allocation tag in the payer account.
   */
  readonly costAllocationTag: { readonly key: string; readonly value: string };
  /** SNS topics told as well (each must let budgets.amazonaws.com publish). Default none. */
  readonly alertTopicArns?: readonly pulumi.Input<string>[];
}

export const DEFAULT_THRESHOLDS = [80, 100] as const;

export function stackBudgetArgsProblems(args: StackBudgetArgs, p: Problems): void {
  if (!(Number.isFinite(args.monthlyUsd) && args.monthlyUsd > 0))
    p.add("monthlyUsd", `must be a positive amount of USD; got ${args.monthlyUsd}`);
  if (args.alertEmails.length < 1 || args.alertEmails.length > MAX_EMAILS) {
    p.add(
      "alertEmails",
      `needs 1 to ${MAX_EMAILS} addresses (AWS Budgets' limit per notification); got ${args.alertEmails.length}`,
    );
  }
  args.alertEmails.forEach((e, i) => {
    if (!EMAIL.test(e)) p.add(`alertEmails[${i}]`, `is not an e-mail address: ${JSON.stringify(e)}`);
  });
  (args.thresholdsPercent ?? DEFAULT_THRESHOLDS).forEach((t, i) => {
    if (!(t >= 1 && t <= 1000)) p.add(`thresholdsPercent[${i}]`, `must be 1 to 1000 (percent of the limit); got ${t}`);
  });
  // Budgets' TagKeyValue filter is `user:<key>$<value>`: neither part may contain `$`.
  if (!args.costAllocationTag.key || args.costAllocationTag.key.includes("$"))
    p.add("costAllocationTag.key", "must be a tag key without $");
  if (!args.costAllocationTag.value || args.costAllocationTag.value.includes("$"))
    p.add("costAllocationTag.value", "must be a tag value without $");
}

export class StackBudget extends pulumi.ComponentResource {
  readonly budgetName: pulumi.Output<string>;

  constructor(name: string, args: StackBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cost:StackBudget", name, {}, opts);
    validateArgs("platform:cost:StackBudget", name, (p) => stackBudgetArgsProblems(args, p));

    const thresholds = args.thresholdsPercent ?? DEFAULT_THRESHOLDS;
    const notifications = thresholds.flatMap((threshold) =>
      (["ACTUAL", "FORECASTED"] as const).map((notificationType) => ({
        comparisonOperator: "GREATER_THAN",
        notificationType,
        threshold,
        thresholdType: "PERCENTAGE",
        subscriberEmailAddresses: [...args.alertEmails],
        ...(args.alertTopicArns?.length ? { subscriberSnsTopicArns: [...args.alertTopicArns] } : {}),
      })),
    );
    const budget = new aws.budgets.Budget(
      `${name}-budget`,
      {
        budgetType: "COST",
        timeUnit: "MONTHLY",
        limitAmount: args.monthlyUsd.toFixed(2),
        limitUnit: "USD",
        costFilters: [
          { name: "TagKeyValue", values: [`user:${args.costAllocationTag.key}$${args.costAllocationTag.value}`] },
        ],
        notifications,
      },
      { parent: this },
    );
    this.budgetName = budget.name;
    this.registerOutputs({ budgetName: this.budgetName });
  }
}
