/**
 * `platform:policyWaivers`: per-resource exemptions from one policy, the stack's answer to
 * cdk-nag suppressions. Each names the policy, the resource (logical name or URN), why the
 * control does not apply or what compensates, who accepted the risk and the last day it holds.
 * tools/policy-config turns them into each policy's `waivers` in the generated
 * --policy-pack-config (CI previews) and in `npm run plan`; policies/lib/waivers.ts applies
 * them (a waived finding is advisory; an expired waiver is mandatory).
 */
import { z } from "zod";
import { PROVISIONAL_WAIVERS_HOLD_UNTIL } from "../../platform-rules/policy-waivers";

const day = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date YYYY-MM-DD (the last day the waiver holds)");

export const policyWaiver = z.strictObject({
  policy: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a policy name (kebab-case, see docs/policies.md)")
    .describe("The policy waived (docs/policies.md)."),
  resource: z
    .string()
    .min(1, "name the resource (logical name or URN)")
    .describe("The resource's logical name (or full URN)."),
  type: z.string().min(1).optional().describe("The resource's type token, when two resources share the name."),
  reason: z
    .string()
    .min(10, "say why (at least 10 characters): what compensates, or why the control does not apply")
    .describe("Why the control does not apply or what compensates for it."),
  approver: z
    .string()
    .min(2, "name who accepted the risk")
    .describe(
      `Who accepted the risk (a named compliance team member). End it with "(provisional)" while no one named has: it is shown as provisional and holds at most until ${PROVISIONAL_WAIVERS_HOLD_UNTIL} (platform-rules/policy-waivers.ts).`,
    ),
  expires: day.describe("Last day (UTC) the waiver holds; after it the finding is mandatory again."),
});

export const policyWaivers = z
  .array(policyWaiver)
  .default([])
  .describe("Per-resource policy exemptions with reason, approver and expiry (docs/policies.md, Waivers).")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((w, i) => {
      const key = `${w.policy}|${w.resource}|${w.type ?? ""}`;
      if (seen.has(key))
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `waives ${w.policy} for ${w.resource} twice; keep one entry`,
        });
      seen.add(key);
    });
  });

export type PolicyWaiver = z.output<typeof policyWaiver>;
