/** `platform:backup`: AWS Backup of Aurora, DynamoDB and the S3 data buckets (components/operations PlatformBackup). */
import { z } from "zod";

export const backup = z.strictObject({
  dailyRetentionDays: z
    .number()
    .int()
    .min(35, "must be at least 35: AWS Config's backup-plan rules require it")
    .max(36500)
    .default(35)
    .describe("Days a daily recovery point is kept; at least 35 (AWS Config's backup rules). Default 35."),
  monthlyRetentionDays: z
    .number()
    .int()
    .min(35)
    .max(36500)
    .default(365)
    .describe("Days a monthly recovery point is kept; at least dailyRetentionDays. Default 365."),
  vaultLock: z
    .enum(["none", "governance", "compliance"])
    .default("none")
    .describe(
      "none, governance (privileged users may remove it) or compliance (immutable after 3 days; prod). Default none.",
    ),
  copyRegion: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "expected an AWS region like us-west-2")
    .optional()
    .describe(
      "A second region every recovery point is copied to; must be in platform:regions.allowedAwsRegions. Default none.",
    ),
});
