/** Shared zod building blocks for the stack config sections. */
import { z } from "zod";
import { parseCidr } from "../../components/common/cidr";
import { logRetentionProblem } from "../../platform-rules/log-retention";

export { parseCidr };

/** Commercial AWS regions this code knows; the stack still allows only those in `platform:regions`. */
export const AWS_REGIONS = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1",
  "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1",
  "eu-south-1", "eu-south-2", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
  "ap-southeast-3", "ap-southeast-4", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
  "ap-east-1", "sa-east-1", "me-south-1", "me-central-1", "af-south-1", "il-central-1",
] as const;

/** Azure regions (ARM location names) this code knows. */
export const AZURE_LOCATIONS = [
  "eastus", "eastus2", "centralus", "northcentralus", "southcentralus", "westcentralus",
  "westus", "westus2", "westus3", "canadacentral", "canadaeast", "brazilsouth",
  "northeurope", "westeurope", "uksouth", "ukwest", "francecentral", "germanywestcentral",
  "switzerlandnorth", "norwayeast", "swedencentral", "australiaeast", "southeastasia",
  "eastasia", "japaneast", "koreacentral", "centralindia",
] as const;

export const awsRegion = z.enum(AWS_REGIONS, {
  error: (issue) => `unknown AWS region ${JSON.stringify(issue.input)}; expected one of ${AWS_REGIONS.join(", ")}`,
});

export const azureLocation = z.enum(AZURE_LOCATIONS, {
  error: (issue) =>
    `unknown Azure location ${JSON.stringify(issue.input)}; expected an ARM location name such as eastus2 (one of ${AZURE_LOCATIONS.join(", ")})`,
});

export const positiveInt = (max: number) =>
  z.number().int("must be a whole number").positive("must be greater than 0").max(max, `must be at most ${max}`);

export const nonNegativeInt = (max: number) =>
  z.number().int("must be a whole number").min(0, "must not be negative").max(max, `must be at most ${max}`);

/** An IPv4 CIDR block with its prefix length within [minPrefix, maxPrefix]. */
export const cidrBlock = (minPrefix: number, maxPrefix: number) =>
  z.string().superRefine((value, ctx) => {
    const parsed = parseCidr(value);
    if (!parsed) {
      ctx.addIssue({
        code: "custom",
        message: `malformed CIDR ${JSON.stringify(value)}; expected a network address like 10.0.0.0/16 (host bits zero)`,
      });
    } else if (parsed.prefix < minPrefix || parsed.prefix > maxPrefix) {
      ctx.addIssue({ code: "custom", message: `prefix /${parsed.prefix} out of range; expected /${minPrefix} to /${maxPrefix}` });
    }
  });

/** A backup or maintenance window like `03:00-04:00` (UTC). */
export const dailyWindow = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "expected hh24:mi-hh24:mi in UTC, e.g. 03:00-04:00");

/** A weekly window like `sun:04:30-sun:05:30` (UTC). */
export const weeklyWindow = z
  .string()
  .regex(
    /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/,
    "expected ddd:hh24:mi-ddd:hh24:mi in UTC, e.g. sun:04:30-sun:05:30",
  );

/** A CloudWatch Logs retention period that meets PCI DSS 10.5.1 (platform-rules/log-retention.ts). */
export const logRetentionDays = z.number().superRefine((days, ctx) => {
  const problem = logRetentionProblem(days);
  if (problem) ctx.addIssue({ code: "custom", message: problem.replace(/; got .*$/, "") });
});
