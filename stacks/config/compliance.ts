/** `platform:compliance`: AWS Config rules and the scheduled compliance report. */
import { z } from "zod";

const ruleIdentifier = z.string().regex(/^[A-Z0-9_]+$/, "expected an AWS Config managed rule identifier like S3_BUCKET_SSL_REQUESTS_ONLY");

export const compliance = z
  .strictObject({
    /** Managed rule identifiers to add to the PCI set. */
    addRules: z.array(ruleIdentifier).default([]),
    /** Managed rule identifiers to leave out of the PCI set. */
    excludeRules: z.array(ruleIdentifier).default([]),
    /** EventBridge schedule for the daily report Lambda. */
    reportSchedule: z
      .string()
      .regex(/^(cron|rate)\(.+\)$/, "expected an EventBridge schedule such as cron(0 6 * * ? *) or rate(1 day)")
      .default("cron(0 6 * * ? *)"),
  })
  .default({ addRules: [], excludeRules: [], reportSchedule: "cron(0 6 * * ? *)" });
