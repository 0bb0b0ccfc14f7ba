/**
 * A secure S3 bucket with a lifecycle profile: versioning, lifecycle rules, SSE-KMS with a
 * bucket key (SSE-S3 only for the access-log bucket, see profiles.ts), all public-access blocks,
 * BucketOwnerEnforced, a TLS/encryption-enforcing bucket policy and server access logging.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PCI_MIN_LOG_RETENTION_DAYS } from "../../platform-rules/log-retention";
import {
  PROTECTIONS,
  S3_BUCKET_NAME,
  assertValid,
  collectProblems,
  known,
  nameTag,
  statefulOptions,
  type Protection,
} from "../common";
import { bucketPolicy, type BucketPolicyStatement, type DeliveryService } from "./policy";
import {
  BUCKET_PROFILES,
  EXPIRING_PROFILES,
  OBJECT_LOCK_PROFILES,
  SSE_S3_PROFILES,
  TRANSITION_CLASS,
  lifecycleRules,
  type BucketProfile,
} from "./profiles";

export interface SecureBucketArgs {
  /** What the bucket holds; decides lifecycle and encryption (see profiles.ts). Required. */
  readonly profile: BucketProfile;
  /** Physical bucket name, e.g. `<project>-<stack>-<profile>-<accountId>`. Default: auto-named. 3–63 of a-z 0-9 . - */
  readonly bucketName?: pulumi.Input<string>;
  /** CMK for SSE-KMS. Required for every profile except access-logs (which must not set it). */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Where to write server access logs. Required unless profile is access-logs or accessLogging is "disabled". */
  readonly accessLogs?: { readonly bucket: pulumi.Input<string>; readonly prefix?: string };
  /** "enabled" (default) or "disabled" — an explicit opt-out, e.g. for a sandbox. */
  readonly accessLogging?: "enabled" | "disabled";
  /** Days before noncurrent versions expire: 1 to 3650. Default 90. */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days before current objects move to Glacier / Deep Archive (ingestion, analytics, archival): 1 or more. Default 90. */
  readonly transitionDays?: number;
  /** Days before current objects expire. Required for audit (at least 365, PCI DSS 10.5.1) and access-logs (at least 1); not allowed otherwise. */
  readonly retentionDays?: number;
  /** AWS services that deliver logs into this bucket under `AWSLogs/<account>/`. Audit profile only. Default: none. */
  readonly deliveryServices?: readonly DeliveryService[];
  /** Extra bucket-policy statements (e.g. a reader role). Default none. */
  readonly additionalPolicyStatements?: pulumi.Input<readonly BucketPolicyStatement[]>;
  /** `retain` (default): protected, retained on delete, never force-destroyed. `disposable`: dev only; emptied on destroy. */
  readonly protection?: Protection;
  /** Extra tags on the stateful bucket (e.g. BackupPlan, which AWS Backup selects by). Default none. */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * S3 Object Lock, write-once objects: every new version locked for `retentionDays` (1–36500)
   * in `mode` COMPLIANCE (nobody can delete or shorten it, root included) or GOVERNANCE (users
   * with s3:BypassGovernanceRetention can; dev only). Object Lock is enabled when the bucket is
   * created and never removed: adding it to an existing bucket replaces the bucket. Required for
   * ledger-digests; not allowed for access-logs (S3 cannot deliver server access logs into it).
   */
  readonly objectLock?: { readonly mode: "COMPLIANCE" | "GOVERNANCE"; readonly retentionDays: number };
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function secureBucketArgsProblems(args: SecureBucketArgs): readonly string[] {
  return collectProblems((p) => {
    const profile = args.profile;
    if (!BUCKET_PROFILES.includes(profile)) {
      p.add("profile", `unknown profile ${JSON.stringify(profile)}; expected one of ${BUCKET_PROFILES.join(", ")}`);
      return;
    }
    const sseS3 = SSE_S3_PROFILES.includes(profile);
    if (sseS3 && args.kmsKeyArn !== undefined)
      p.add("kmsKeyArn", `must not be set for ${profile}: S3 server access log delivery supports only SSE-S3`);
    if (!sseS3 && args.kmsKeyArn === undefined)
      p.add("kmsKeyArn", `is required for ${profile}: data buckets are encrypted with a customer-managed key`);
    if (known(args.bucketName) && (!S3_BUCKET_NAME.test(args.bucketName) || args.bucketName.includes(".."))) {
      p.add(
        "bucketName",
        `${JSON.stringify(args.bucketName)} is not a valid S3 bucket name; use 3-63 characters of a-z, 0-9, . and -`,
      );
    }
    const logging = args.accessLogging ?? "enabled";
    if (logging !== "enabled" && logging !== "disabled")
      p.add("accessLogging", `expected enabled or disabled; got ${JSON.stringify(logging)}`);
    if (profile === "access-logs" && args.accessLogs)
      p.add("accessLogs", "must not be set for access-logs: a log bucket logging its own access loops");
    if (profile !== "access-logs" && logging === "enabled" && !args.accessLogs) {
      p.add(
        "accessLogs",
        `is required for ${profile} (PCI DSS 10.2); pass the access-log bucket or set accessLogging: "disabled"`,
      );
    }
    const days = (field: string, value: number | undefined, min: number, max: number) => {
      if (value !== undefined && (!Number.isInteger(value) || value < min || value > max))
        p.add(field, `must be a whole number from ${min} to ${max}; got ${value}`);
    };
    days("noncurrentVersionExpirationDays", args.noncurrentVersionExpirationDays, 1, 3650);
    days("transitionDays", args.transitionDays, 1, 36500);
    if (args.transitionDays !== undefined && !TRANSITION_CLASS[profile])
      p.add("transitionDays", `only applies to ${Object.keys(TRANSITION_CLASS).join(", ")}`);
    if (EXPIRING_PROFILES.includes(profile)) {
      if (args.retentionDays === undefined) p.add("retentionDays", `is required for ${profile}`);
      else
        days(
          "retentionDays",
          args.retentionDays,
          profile === "audit" || profile === "log-archive" ? PCI_MIN_LOG_RETENTION_DAYS.minimum : 1,
          36500,
        );
    } else if (args.retentionDays !== undefined) {
      p.add("retentionDays", `only applies to ${EXPIRING_PROFILES.join(", ")}; ${profile} data is kept`);
    }
    if ((args.deliveryServices ?? []).length > 0 && profile !== "audit")
      p.add("deliveryServices", "only the audit bucket receives AWS service log delivery");
    if (args.protection !== undefined && !PROTECTIONS.includes(args.protection))
      p.add("protection", `expected retain or disposable; got ${JSON.stringify(args.protection)}`);
    const lock = args.objectLock;
    if (OBJECT_LOCK_PROFILES.includes(profile) && !lock)
      p.add("objectLock", `is required for ${profile}: its objects are write-once`);
    if (profile === "access-logs" && lock)
      p.add(
        "objectLock",
        "must not be set for access-logs: S3 cannot deliver server access logs into an Object Lock bucket",
      );
    if (lock) {
      if (lock.mode !== "COMPLIANCE" && lock.mode !== "GOVERNANCE")
        p.add("objectLock.mode", `expected COMPLIANCE or GOVERNANCE; got ${JSON.stringify(lock.mode)}`);
      days("objectLock.retentionDays", lock.retentionDays, 1, 36500);
    }
  });
}

export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  readonly profile: BucketProfile;
  /**
   * The bucket policy. Services that check it when they are configured (CloudTrail's
   * CreateTrail, Config's PutDeliveryChannel) must depend on it, not only on the bucket.
   */
  readonly policy: aws.s3.BucketPolicy;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:buckets:SecureBucket", name, {}, opts);
    assertValid("platform:buckets:SecureBucket", name, secureBucketArgsProblems(args));
    const protection = args.protection ?? "retain";
    const profile = (this.profile = args.profile);
    const child = { parent: this };

    const bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      {
        bucket: args.bucketName,
        forceDestroy: protection === "disposable",
        // Only at creation (CreateBucket's x-amz-bucket-object-lock-enabled); S3 turns versioning on with it.
        objectLockEnabled: args.objectLock ? true : undefined,
        tags: nameTag(name, { ...args.tags, DataProfile: profile }),
      },
      { ...child, ...statefulOptions(protection) },
    );
    const ref = { bucket: bucket.id };
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { ...ref, rule: { objectOwnership: "BucketOwnerEnforced" } },
      child,
    );
    new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { ...ref, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      child,
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { ...ref, versioningConfiguration: { status: "Enabled" } },
      child,
    );
    if (args.objectLock) {
      // The default retention every new object version gets; PUTs need a checksum (S3 rule).
      new aws.s3.BucketObjectLockConfiguration(
        `${name}-object-lock`,
        {
          ...ref,
          objectLockEnabled: "Enabled",
          rule: { defaultRetention: { mode: args.objectLock.mode, days: args.objectLock.retentionDays } },
        },
        { ...child, dependsOn: [versioning] },
      );
    }
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        ...ref,
        rules: [
          args.kmsKeyArn
            ? {
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn },
                bucketKeyEnabled: true,
              }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ],
      },
      child,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        ...ref,
        rules: lifecycleRules({
          profile,
          noncurrentVersionExpirationDays: args.noncurrentVersionExpirationDays ?? 90,
          transitionDays: args.transitionDays ?? 90,
          retentionDays: args.retentionDays,
        }),
      },
      child,
    );
    if (args.accessLogs && (args.accessLogging ?? "enabled") === "enabled") {
      new aws.s3.BucketLogging(
        `${name}-logging`,
        { ...ref, targetBucket: args.accessLogs.bucket, targetPrefix: args.accessLogs.prefix ?? `${name}/` },
        child,
      );
    }
    const scope = pulumi.all([
      bucket.arn,
      aws.getCallerIdentityOutput({}, child).accountId,
      aws.getRegionOutput({}, child).region,
      aws.getPartitionOutput({}, child).partition,
      args.kmsKeyArn,
      args.additionalPolicyStatements ?? [],
    ]);
    this.policy = new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        ...ref,
        policy: scope.apply(([bucketArn, accountId, region, partition, kmsKeyArn, extra]) =>
          JSON.stringify(
            bucketPolicy(
              {
                bucketArn,
                accountId,
                region,
                partition,
                profile,
                kmsKeyArn,
                deliveryServices: args.deliveryServices ?? [],
              },
              extra,
            ),
          ),
        ),
      },
      child,
    );

    this.bucket = bucket.bucket;
    this.arn = bucket.arn;
    this.registerOutputs({ bucket: this.bucket, arn: this.arn });
  }
}
