/** `platform:compliance`: AWS Config recording and PCI rules, CloudTrail and the scheduled compliance report. */
import { z } from "zod";
import { findRule, suggestIdentifiers } from "../../platform-rules/config-rules";
import { logRetentionDays } from "./common";

/** A managed rule identifier from the PCI catalog (platform-rules/config-rules). */
const ruleIdentifier = z
  .string()
  .regex(/^[A-Z0-9_]+$/, "expected an AWS Config managed rule identifier in capitals, like S3_BUCKET_SSL_REQUESTS_ONLY")
  .superRefine((id, ctx) => {
    if (!/^[A-Z0-9_]+$/.test(id)) return;
    const rule = findRule(id);
    if (!rule) {
      ctx.addIssue({
        code: "custom",
        message: `${id} is not a rule of the PCI DSS conformance packs (docs/compliance/config-rules.md); did you mean ${suggestIdentifiers(id).join(", ")}?`,
      });
    }
  });

const ruleList = z.array(ruleIdentifier).superRefine((ids, ctx) => {
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: [i], message: `${id} is listed twice` });
  });
});

export const RECORDING_FREQUENCIES = ["CONTINUOUS", "DAILY"] as const;

const DEFAULTS = {
  addRules: [] as string[],
  excludeRules: [] as string[],
  reportSchedule: "cron(0 6 * * ? *)",
  recordingFrequency: "CONTINUOUS" as (typeof RECORDING_FREQUENCIES)[number],
  trailLogRetentionDays: 400,
};

export const compliance = z
  .strictObject({
    addRules: ruleList
      .default(DEFAULTS.addRules)
      .describe(
        "Catalog rule identifiers to deploy in addition to the applicable PCI set (e.g. a default-excluded one). Default [].",
      ),
    excludeRules: ruleList
      .default(DEFAULTS.excludeRules)
      .describe(
        "Catalog rule identifiers to leave out of the PCI set. Default []. Not together with addRules for the same id.",
      ),
    reportSchedule: z
      .string()
      .regex(
        /^(cron\((\S+ ){5}\S+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/,
        "expected an EventBridge schedule such as cron(0 6 * * ? *) (six fields) or rate(1 day)",
      )
      .default(DEFAULTS.reportSchedule)
      .describe(
        "EventBridge schedule of the compliance report Lambda: cron(...) or rate(...). Default daily at 06:00 UTC.",
      ),
    recordingFrequency: z
      .enum(RECORDING_FREQUENCIES, { error: () => "expected CONTINUOUS or DAILY" })
      .default(DEFAULTS.recordingFrequency)
      .describe(
        "How often AWS Config records changes: CONTINUOUS (default; required in prod, PCI DSS 11.5.2 change detection) or DAILY (cheaper; dev only).",
      ),
    trailLogRetentionDays: logRetentionDays
      .default(DEFAULTS.trailLogRetentionDays)
      .describe("Days CloudTrail events stay in CloudWatch Logs: at least 365 (PCI DSS 10.5.1). Default 400."),
  })
  .superRefine((c, ctx) => {
    c.addRules.forEach((id, i) => {
      const rule = findRule(id);
      if (rule?.undeployable)
        ctx.addIssue({
          code: "custom",
          path: ["addRules", i],
          message: `${id} cannot be deployed from the catalog: ${rule.undeployable}`,
        });
      if (c.excludeRules.includes(id))
        ctx.addIssue({
          code: "custom",
          path: ["addRules", i],
          message: `${id} is also in excludeRules; keep it in one list`,
        });
    });
  })
  .default(DEFAULTS);
