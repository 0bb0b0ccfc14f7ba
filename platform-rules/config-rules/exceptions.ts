/**
 * The register of documented exceptions to the deployed AWS Config rules: a resource the rule
 * reports NON_COMPLIANT by design, with why, the control that covers the gap instead, who
 * accepted it and when it must be reviewed again. The rules keep evaluating these resources (AWS
 * Config's scope can only include: by resource type, by one resource id, or by one tag; it has no
 * exclusion, and a tag-based scope would drop every untagged bucket of the account from the
 * rule, which fails open). Instead the compliance report prints the exception next to the
 * NON_COMPLIANT result, and tools/config-rules/evaluate.ts treats it as expected. An exception
 * past its review date no longer applies, and a provisional one (approver ending "(provisional)")
 * holds at most as long as a provisional policy waiver (platform-rules/policy-waivers.ts).
 */
import { waiverHoldsUntil } from "../policy-waivers";

export interface ConfigRuleException {
  /** The managed rule's identifier, e.g. S3_BUCKET_LOGGING_ENABLED. */
  readonly rule: string;
  /** The Config resource type the rule reports. */
  readonly resourceType: string;
  /** The resource id Config reports (for S3, the bucket name), as an anchored regular expression. */
  readonly resourceIdPattern: string;
  /** The resource's logical name in the stack program (the offline plan's name). */
  readonly logicalName: string;
  readonly reason: string;
  readonly compensatingControl: string;
  /** Who accepted the exception; `(provisional)` until a named person has. */
  readonly approver: string;
  /** Last day (UTC, YYYY-MM-DD) the exception holds without a new review. */
  readonly reviewBy: string;
}

/** The access-log bucket: `<project>-<stack>-access-logs-<account>` (stacks/compose/core.ts). */
const ACCESS_LOG_BUCKET = "^[a-z0-9][a-z0-9-]*-access-logs-\\d{12}$";

export const CONFIG_RULE_EXCEPTIONS: readonly ConfigRuleException[] = [
  {
    rule: "S3_BUCKET_LOGGING_ENABLED",
    resourceType: "AWS::S3::Bucket",
    resourceIdPattern: ACCESS_LOG_BUCKET,
    logicalName: "access-logs-bucket",
    reason:
      "It is the target of every other bucket's server access logs; logging it to itself would log its own log writes without end, and to another bucket would only move the gap there.",
    compensatingControl:
      "CloudTrail records every object read of the bucket (data events, read-only selector) and every change to the bucket and its policy (management events); its policy admits only logging.s3.amazonaws.com writes from this account, over TLS; versioning and retain protection guard deletes.",
    approver: "compliance-team (provisional)",
    reviewBy: "2027-01-31",
  },
  {
    rule: "S3_DEFAULT_ENCRYPTION_KMS",
    resourceType: "AWS::S3::Bucket",
    resourceIdPattern: ACCESS_LOG_BUCKET,
    logicalName: "access-logs-bucket",
    reason:
      "S3 server access logging can deliver only to a bucket with SSE-S3 (AES256) default encryption, not SSE-KMS (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).",
    compensatingControl:
      "Objects are encrypted at rest with SSE-S3 (AES-256); the logs hold request metadata, no cardholder data; the public access block and the bucket policy (TLS only) limit access, and CloudTrail records every object read (data events, read-only selector).",
    approver: "compliance-team (provisional)",
    reviewBy: "2027-01-31",
  },
];

const today = (at: Date) => at.toISOString().slice(0, 10);
/** Holds until its review date, and a provisional approval no longer than any provisional waiver. */
const current = (e: ConfigRuleException, at: Date) =>
  waiverHoldsUntil({ approver: e.approver, expires: e.reviewBy }) >= today(at);

/** The register's exception for what AWS Config reports, if one names it and is not past review. */
export function exceptionFor(
  rule: string | undefined,
  resourceType: string,
  resourceId: string,
  at: Date,
  register: readonly ConfigRuleException[] = CONFIG_RULE_EXCEPTIONS,
): ConfigRuleException | undefined {
  return register.find(
    (e) =>
      e.rule === rule &&
      e.resourceType === resourceType &&
      new RegExp(e.resourceIdPattern).test(resourceId) &&
      current(e, at),
  );
}

/** The register's exception for a plan resource (by logical name), if one names it and is not past review. */
export function exceptionForLogical(
  rule: string,
  logicalName: string,
  at: Date,
  register: readonly ConfigRuleException[] = CONFIG_RULE_EXCEPTIONS,
): ConfigRuleException | undefined {
  return register.find((e) => e.rule === rule && e.logicalName === logicalName && current(e, at));
}
