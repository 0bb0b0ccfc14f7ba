/** `platform:budget`: the stack's monthly cost budget, its AWS Budget and the estimate's budget check. */
import { z } from "zod";

export const budget = z
  .strictObject({
    monthlyUsd: z
      .number()
      .positive()
      .describe("Monthly limit in USD for the stack's AWS Budget; `npm run cost` and CI compare the estimate with it."),
    alertEmails: z
      .array(z.email())
      .min(1)
      .max(10)
      .describe("Who the budget alerts (1-10 e-mail addresses: AWS Budgets' limit per notification)."),
    thresholdsPercent: z
      .array(z.number().min(1).max(1000))
      .min(1)
      .default([80, 100])
      .describe("Percentages of the limit that alert, each for actual and forecast spend. Default [80, 100]."),
    anomalyThresholdUsd: z
      .number()
      .positive()
      .default(100)
      .describe(
        "Cost Anomaly Detection: total impact in USD at or above which an anomaly is sent to the ticket route as it is found (account-level: created only with platform:account.baseline managed). Default 100.",
      ),
  })
  .optional();
