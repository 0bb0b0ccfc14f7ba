/**
 * Lifecycle profiles: what a bucket holds decides how long objects live and where they go.
 * Pure functions, tested without an engine.
 */

export type BucketProfile =
  "ingestion" | "analytics" | "archival" | "audit" | "access-logs" | "ledger-digests" | "log-archive";

export const BUCKET_PROFILES: readonly BucketProfile[] = [
  "ingestion",
  "analytics",
  "archival",
  "audit",
  "access-logs",
  "ledger-digests",
  "log-archive",
];

/**
 * Profiles whose objects are write-once (S3 Object Lock): they need `objectLock`, which S3 only
 * accepts when the bucket is created. The ledger's digests stay in S3 Standard, as clients
 * checking proofs read them.
 */
export const OBJECT_LOCK_PROFILES: readonly BucketProfile[] = ["ledger-digests", "log-archive"];

/** Profiles whose current objects move to a colder storage class, and which class. */
export const TRANSITION_CLASS: Readonly<Partial<Record<BucketProfile, "GLACIER" | "DEEP_ARCHIVE">>> = {
  ingestion: "GLACIER",
  analytics: "GLACIER",
  archival: "DEEP_ARCHIVE",
  // The CloudWatch Logs archive (PCI DSS 10.5.1): read only for an investigation or an assessor.
  "log-archive": "DEEP_ARCHIVE",
};

/** Profiles whose current objects expire after `retentionDays` (log data with a retention period). */
export const EXPIRING_PROFILES: readonly BucketProfile[] = ["audit", "access-logs", "log-archive"];

/**
 * S3 server access log delivery supports only SSE-S3 default encryption on the destination
 * bucket, so the access-log bucket is the one bucket not encrypted with a CMK. It holds request
 * metadata, never cardholder data.
 */
export const SSE_S3_PROFILES: readonly BucketProfile[] = ["access-logs"];

export interface LifecycleSettings {
  readonly profile: BucketProfile;
  readonly noncurrentVersionExpirationDays: number;
  /** Days before current objects move to the profile's storage class (transition profiles). */
  readonly transitionDays: number;
  /** Days before current objects expire (expiring profiles). */
  readonly retentionDays?: number;
}

export interface LifecycleRule {
  readonly id: string;
  readonly status: "Enabled";
  readonly filter: Record<string, never>;
  readonly abortIncompleteMultipartUpload?: { readonly daysAfterInitiation: number };
  readonly noncurrentVersionExpiration?: { readonly noncurrentDays: number };
  readonly transitions?: { readonly days: number; readonly storageClass: string }[];
  readonly expiration?: { readonly days: number };
}

/** Incomplete multipart uploads are invisible storage cost; a week is long enough to finish one. */
export const ABORT_MULTIPART_DAYS = 7;

export function lifecycleRules(s: LifecycleSettings): LifecycleRule[] {
  const rules: LifecycleRule[] = [
    {
      id: "abort-incomplete-multipart-uploads",
      status: "Enabled",
      filter: {},
      abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_MULTIPART_DAYS },
    },
    {
      id: "expire-noncurrent-versions",
      status: "Enabled",
      filter: {},
      noncurrentVersionExpiration: { noncurrentDays: s.noncurrentVersionExpirationDays },
    },
  ];
  const storageClass = TRANSITION_CLASS[s.profile];
  if (storageClass) {
    rules.push({
      id: `transition-to-${storageClass.toLowerCase().replace("_", "-")}`,
      status: "Enabled",
      filter: {},
      transitions: [{ days: s.transitionDays, storageClass }],
    });
  }
  if (EXPIRING_PROFILES.includes(s.profile) && s.retentionDays !== undefined) {
    rules.push({ id: "expire-after-retention", status: "Enabled", filter: {}, expiration: { days: s.retentionDays } });
  }
  return rules;
}
