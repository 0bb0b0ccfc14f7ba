/** CloudWatch Logs retention as PCI DSS needs it: a period CloudWatch accepts, at least 365 days. */

/** The retention periods CloudWatch Logs accepts. */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** PCI DSS 10.5.1 keeps audit logs 12 months; 400 days leaves a margin for late reviews. */
export const PCI_MIN_LOG_RETENTION_DAYS = { minimum: 365, default: 400 } as const;

/** A message when `days` is not a valid PCI retention; undefined when fine or not given. */
export function logRetentionProblem(days: number | undefined): string | undefined {
  if (days === undefined) return undefined;
  if (!(CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days)) {
    return `must be a period CloudWatch Logs accepts (${CLOUDWATCH_RETENTION_DAYS.filter((d) => d >= 365).join(", ")}); got ${days}`;
  }
  if (days < PCI_MIN_LOG_RETENTION_DAYS.minimum) return `must be at least 365 (PCI DSS 10.5.1 keeps audit logs 12 months); got ${days}`;
  return undefined;
}
