/**
 * The CloudWatch Logs archive, defined once: the service limits the LogArchive component, the
 * stack config and the deployability policies read (sources in docs/deploy-readiness.md,
 * "AWS: log archive").
 */

/** CloudWatch Logs allows two subscription filters per log group (LimitExceededException beyond). */
export const MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP = 2;

/** Firehose S3 buffering hints: size 1-128 MiB (default 5), interval 0-900 s (default 300). */
export const FIREHOSE_BUFFERING = {
  sizeMiB: { minimum: 1, maximum: 128, default: 5 },
  intervalSeconds: { minimum: 0, maximum: 900, default: 300 },
} as const;

/** With an archive, CloudWatch retention may be shorter than PCI's 12 months, but never under 3 months (PCI DSS 10.5.1: three months immediately available). */
export const ARCHIVED_CLOUDWATCH_MIN_DAYS = 90;

/** The archive keeps audit logs at least 12 months in every stack (PCI DSS 10.5.1) and at least 7 years in prod (the bank's retention). */
export const LOG_ARCHIVE_MIN_YEARS = { any: 1, prod: 7 } as const;

/** Days in `years` of archive retention (leap days counted, as S3 Object Lock counts years). */
export function archiveRetentionDays(years: number): number {
  return Math.ceil(years * 365.25);
}

/** True for a Kinesis Data Firehose delivery stream ARN. */
export function isFirehoseArn(arn: unknown): boolean {
  return typeof arn === "string" && /^arn:aws[\w-]*:firehose:[\w-]+:\d{12}:deliverystream\/.+/.test(arn);
}
