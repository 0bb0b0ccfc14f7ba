/**
 * Log retention, defined once: what CloudWatch Logs and Log Analytics accept, and what PCI DSS
 * 10.5.1 requires (audit log history kept at least 12 months). Config validation, every
 * component that creates a log group, and the log-retention policy read these.
 */

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** PCI DSS 10.5.1 keeps audit logs 12 months; 400 days leaves a margin for late reviews. */
export const PCI_MIN_LOG_RETENTION_DAYS = { minimum: 365, default: 400 } as const;

/** CloudWatch periods that meet PCI DSS 10.5.1. */
export const PCI_CLOUDWATCH_RETENTION_DAYS: readonly number[] = CLOUDWATCH_RETENTION_DAYS.filter(
  (d) => d >= PCI_MIN_LOG_RETENTION_DAYS.minimum,
);

/**
 * Log Analytics workspace retention: the service accepts up to 730 days of interactive
 * retention; PCI DSS 10.5.1 needs at least 365.
 */
export const LOG_ANALYTICS_RETENTION_DAYS = { minimum: PCI_MIN_LOG_RETENTION_DAYS.minimum, maximum: 730 } as const;

/** A message when `days` is not a valid PCI CloudWatch retention; undefined when fine or not given. */
export function logRetentionProblem(days: number | undefined): string | undefined {
  if (days === undefined) return undefined;
  if (!(CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days)) {
    return `must be one of the periods CloudWatch Logs accepts (${PCI_CLOUDWATCH_RETENTION_DAYS.join(", ")}); got ${days}`;
  }
  if (days < PCI_MIN_LOG_RETENTION_DAYS.minimum) {
    return `must be at least ${PCI_MIN_LOG_RETENTION_DAYS.minimum} (PCI DSS 10.5.1 keeps audit logs 12 months); got ${days}`;
  }
  return undefined;
}

/** A message when `days` is not a valid PCI Log Analytics retention; undefined when fine or not given. */
export function logAnalyticsRetentionProblem(days: number | undefined): string | undefined {
  if (days === undefined) return undefined;
  const { minimum, maximum } = LOG_ANALYTICS_RETENTION_DAYS;
  if (Number.isInteger(days) && days >= minimum && days <= maximum) return undefined;
  return `must be a whole number from ${minimum} (PCI DSS 10.5.1) to ${maximum} (the Log Analytics maximum); got ${days}`;
}

/**
 * The periods Application Insights offers for `retentionInDays` (ARM refuses any other):
 * https://learn.microsoft.com/en-us/azure/azure-monitor/app/data-retention-privacy#how-long-is-the-data-kept
 */
export const APP_INSIGHTS_RETENTION_DAYS = [30, 60, 90, 120, 180, 270, 365, 550, 730] as const;

/** The shortest Application Insights period that keeps at least `days` (730, the longest, beyond it). */
export function appInsightsRetentionFor(days: number): number {
  return APP_INSIGHTS_RETENTION_DAYS.find((d) => d >= days) ?? APP_INSIGHTS_RETENTION_DAYS.at(-1)!;
}
