/** `platform:kms`, `platform:aurora`, `platform:buckets`: the stateful data tier. */
import { z } from "zod";
import { dailyWindow, logRetentionDays, nonNegativeInt, positiveInt, weeklyWindow } from "./common";
import {
  ACU,
  AURORA_DEFAULTS,
  AURORA_POSTGRES_MAJORS,
  AUTO_PAUSE_SECONDS,
  BACKUP_RETENTION_DAYS,
  MAX_READER_INSTANCES,
  SCALE_TO_ZERO_MIN_MINOR,
} from "../../platform-rules/aurora";
import { PCI_MIN_LOG_RETENTION_DAYS } from "../../platform-rules/log-retention";

export const kms = z
  .strictObject({
    deletionWindowDays: z
      .number()
      .int("must be a whole number")
      .min(7, "must be at least 7 (the KMS minimum)")
      .max(30, "must be at most 30 (the KMS maximum)")
      .default(30)
      .describe("Days KMS waits before deleting a scheduled key: 7 to 30 (prod: 30)."),
  })
  .default({ deletionWindowDays: 30 });

const AURORA_MAJORS = AURORA_POSTGRES_MAJORS;

const acu = z
  .number()
  .min(0, "must not be negative")
  .max(ACU.max, `must be at most ${ACU.max} ACUs`)
  .refine((n) => Number.isInteger(n / ACU.step), { message: `must be a multiple of ${ACU.step} ACU` });

export const aurora = z
  .strictObject({
    engineVersion: z
      .string()
      .regex(/^\d+\.\d+$/, "expected major.minor, e.g. 17.4")
      .describe(
        "Aurora PostgreSQL `major.minor` a new cluster starts on (16 or 17); minors then follow RDS automatic upgrades (drift ignored).",
      ),
    minCapacity: acu.describe("Minimum ACUs: 0 (scale to zero, with autoPauseSeconds) or 0.5 to 256."),
    maxCapacity: acu.describe("Maximum ACUs: 1 to 256, and at least minCapacity."),
    autoPauseSeconds: z
      .number()
      .int("must be a whole number")
      .min(AUTO_PAUSE_SECONDS.min, `must be at least ${AUTO_PAUSE_SECONDS.min}`)
      .max(AUTO_PAUSE_SECONDS.max, `must be at most ${AUTO_PAUSE_SECONDS.max}`)
      .optional()
      .describe("Seconds idle before pausing when minCapacity is 0: 300 to 86400."),
    readerInstances: nonNegativeInt(MAX_READER_INSTANCES)
      .default(AURORA_DEFAULTS.readerInstances)
      .describe("Reader instances in other AZs: 0 to 15 (prod: at least 1). Default 1."),
    readerAutoScaling: z
      .object({
        min: nonNegativeInt(MAX_READER_INSTANCES).describe(
          "Fewest readers, fixed ones included (at least readerInstances).",
        ),
        max: nonNegativeInt(MAX_READER_INSTANCES).describe("Most readers: min to 15."),
        targetCpuPercent: z
          .number()
          .min(10, "must be at least 10")
          .max(90, "must be at most 90")
          .optional()
          .describe("Average reader CPU to hold (target tracking). Default 70."),
      })
      .strict()
      .refine((r) => r.max >= r.min, { message: "max must be at least min", path: ["max"] })
      .optional()
      .describe(
        "Application Auto Scaling of the Aurora readers on their average CPU (rds:cluster:ReadReplicaCount), {min, max[, targetCpuPercent]}; min counts the fixed readerInstances, which it never removes. Default none (fixed readers only).",
      ),
    backupRetentionDays: positiveInt(BACKUP_RETENTION_DAYS.max).describe(
      "Days of automated backups: 1 to 35 (prod: at least 7).",
    ),
    preferredBackupWindow: dailyWindow.default("03:00-04:00").describe("Daily backup window, UTC."),
    preferredMaintenanceWindow: weeklyWindow
      .default("sun:04:30-sun:05:30")
      .describe("Weekly maintenance window, UTC; must not overlap the backup window."),
    proxy: z
      .enum(["enabled", "disabled"], { error: () => "expected enabled or disabled" })
      .default("enabled")
      .describe(
        "RDS Proxy between the trade API and the cluster (end-to-end IAM auth, TLS required): enabled (default; prod) or disabled (dev may skip it: it costs per vCPU-hour and a scale-to-zero dev cluster needs none). Disabled, the functions connect to the writer endpoint directly.",
      ),
    logicalReplication: z
      .enum(["enabled", "disabled"], { error: () => "expected enabled (the DR standby subscribes) or disabled" })
      .default("disabled")
      .describe(
        "rds.logical_replication for the DR subscriber: disabled (default) or enabled (required when platform:dr.enabled). Enabled keeps Serverless v2 from pausing, so not with minCapacity 0.",
      ),
    logRetentionDays: logRetentionDays
      .default(365)
      .describe("Days to keep PostgreSQL logs in CloudWatch Logs (PCI DSS 10.5.1: at least 365). Default 365."),
  })
  .superRefine((a, ctx) => {
    const major = Number(a.engineVersion.split(".")[0]);
    const minor = Number(a.engineVersion.split(".")[1]);
    if (!(AURORA_MAJORS as readonly number[]).includes(major)) {
      ctx.addIssue({
        code: "custom",
        path: ["engineVersion"],
        message: `major ${major} is not supported; expected ${AURORA_MAJORS.join(" or ")}`,
      });
    }
    if (a.maxCapacity < ACU.minOfMax)
      ctx.addIssue({ code: "custom", path: ["maxCapacity"], message: `must be at least ${ACU.minOfMax} ACU` });
    if (a.minCapacity > a.maxCapacity) {
      ctx.addIssue({
        code: "custom",
        path: ["minCapacity"],
        message: `must not exceed maxCapacity (${a.maxCapacity}); got ${a.minCapacity}`,
      });
    }
    if (a.minCapacity === 0 && a.logicalReplication === "enabled") {
      ctx.addIssue({
        code: "custom",
        path: ["logicalReplication"],
        message:
          "enabled keeps Aurora Serverless v2 from pausing, so minCapacity 0 would never scale to zero; disable it or raise minCapacity",
      });
    }
    if (a.minCapacity === 0) {
      const needed = SCALE_TO_ZERO_MIN_MINOR[major];
      if (needed !== undefined && minor < needed) {
        ctx.addIssue({
          code: "custom",
          path: ["engineVersion"],
          message: `minCapacity 0 (scale to zero) needs ${major}.${needed} or newer; got ${a.engineVersion}`,
        });
      }
      if (a.autoPauseSeconds === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["autoPauseSeconds"],
          message: `is required when minCapacity is 0 (${AUTO_PAUSE_SECONDS.min} to ${AUTO_PAUSE_SECONDS.max} seconds)`,
        });
      }
    } else if (a.autoPauseSeconds !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["autoPauseSeconds"],
        message: "only applies when minCapacity is 0; remove it or set minCapacity to 0",
      });
    }
    const backup = windowMinutes(a.preferredBackupWindow);
    if (backup && backup.end - backup.start < 30) {
      ctx.addIssue({
        code: "custom",
        path: ["preferredBackupWindow"],
        message: "must be at least 30 minutes long (an RDS limit)",
      });
    }
    const maintenance = windowMinutes(a.preferredMaintenanceWindow);
    if (backup && maintenance && windowsOverlap(backup, maintenance)) {
      ctx.addIssue({
        code: "custom",
        path: ["preferredMaintenanceWindow"],
        message: `overlaps preferredBackupWindow (${a.preferredBackupWindow} daily); move one of them`,
      });
    }
  });

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** `03:00-04:00` or `sun:04:30-sun:05:30` → minutes from Monday 00:00 (daily windows: day 0); undefined when malformed. */
export function windowMinutes(window: string): { start: number; end: number; daily: boolean } | undefined {
  const parts = window.split("-").map((part) => part.split(":"));
  if (parts.length !== 2) return undefined;
  const toMinutes = (p: string[]) =>
    (p.length === 3 ? DAYS.indexOf(p[0]) * 1440 : 0) + Number(p.at(-2)) * 60 + Number(p.at(-1));
  const start = toMinutes(parts[0]);
  let end = toMinutes(parts[1]);
  const daily = parts[0].length === 2;
  // A window may run past midnight (or past Sunday into Monday).
  if (end <= start) end += daily ? 1440 : 7 * 1440;
  return Number.isNaN(start) || Number.isNaN(end) ? undefined : { start, end, daily };
}

/** Whether a daily backup window overlaps a weekly maintenance window on any day. */
export function windowsOverlap(daily: { start: number; end: number }, weekly: { start: number; end: number }): boolean {
  for (let day = -1; day <= 7; day++) {
    const start = daily.start + day * 1440;
    const end = daily.end + day * 1440;
    if (start < weekly.end && weekly.start < end) return true;
  }
  return false;
}

export const buckets = z
  .strictObject({
    noncurrentVersionExpirationDays: positiveInt(3650)
      .default(90)
      .describe("Days before noncurrent object versions expire."),
    auditLogRetentionDays: z
      .number()
      .int("must be a whole number")
      .min(
        PCI_MIN_LOG_RETENTION_DAYS.minimum,
        `must be at least ${PCI_MIN_LOG_RETENTION_DAYS.minimum} (PCI DSS 10.5.1 keeps audit logs 12 months)`,
      )
      .default(2557)
      .describe("Days to keep config/audit log objects (PCI DSS 10.5.1: at least 365)."),
    accessLogRetentionDays: z
      .number()
      .int("must be a whole number")
      .min(90, "must be at least 90")
      .default(365)
      .describe("Days to keep S3 server access logs."),
    transitionDays: positiveInt(3650)
      .default(90)
      .describe(
        "Days before ingestion/analytics objects move to Glacier Flexible Retrieval and archive objects to Deep Archive: 1 to 3650. Default 90.",
      ),
    ledgerDigestLockMode: z
      .enum(["COMPLIANCE", "GOVERNANCE"], { error: () => "expected COMPLIANCE or GOVERNANCE" })
      .default("COMPLIANCE")
      .describe(
        "Ledger digests' Object Lock: COMPLIANCE (default; nobody, root included, can delete or shorten before the retention ends) or GOVERNANCE (dev only: users with s3:BypassGovernanceRetention can, so a dev stack can be destroyed).",
      ),
    ledgerDigestRetentionDays: positiveInt(36500)
      .default(2557)
      .describe("Days each ledger digest is locked: 1 to 36500. Default 2557 (7 years, as the audit logs)."),
  })
  .default({
    noncurrentVersionExpirationDays: 90,
    auditLogRetentionDays: 2557,
    accessLogRetentionDays: 365,
    transitionDays: 90,
    ledgerDigestLockMode: "COMPLIANCE",
    ledgerDigestRetentionDays: 2557,
  });
