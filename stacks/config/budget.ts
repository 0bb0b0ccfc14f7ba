/** `platform:budget`: the stack's monthly cost budget, its AWS Budget and the estimate's budget check. */
import { z } from "zod";

export const budget = z
  .strictObject({
    /** Monthly limit in USD for the stack's AWS Budget; `npm run cost` and CI compare the estimate with it. */
    monthlyUsd: z.number().positive(),
    /** Who the budget alerts (1-10 e-mail addresses: AWS Budgets' limit per notification). */
    alertEmails: z.array(z.email()).min(1).max(10),
    /** Percentages of the limit that alert, each for actual and forecast spend. Default [80, 100]. */
    thresholdsPercent: z.array(z.number().min(1).max(1000)).min(1).default([80, 100]),
  })
  .optional();
