/** Shared zod building blocks for the stack config sections. */
import { z } from "zod";
import { parseCidr } from "../../components/common/cidr";
import { logRetentionProblem } from "../../platform-rules/log-retention";
import { AWS_REGIONS, AZURE_LOCATIONS } from "../../platform-rules/regions";

export { parseCidr };

export { AWS_REGIONS, AZURE_LOCATIONS };

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
      ctx.addIssue({
        code: "custom",
        message: `prefix /${parsed.prefix} out of range; expected /${minPrefix} to /${maxPrefix}`,
      });
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
