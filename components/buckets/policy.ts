/**
 * Bucket policies as a pure function of resolved values. Every bucket denies non-TLS and
 * pre-TLS-1.2 requests. CMK buckets also deny uploads that explicitly ask for another
 * encryption: uploads without encryption headers get the bucket's default (the CMK, with a
 * bucket key), so only a header that is present and different is denied (Null + StringNotEquals).
 * The key-id header must then be the key ARN: clients should omit it or send the ARN.
 */
import type { BucketProfile } from "./profiles";

export type DeliveryService = "cloudtrail" | "config";

export interface BucketPolicyScope {
  readonly bucketArn: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly profile: BucketProfile;
  /** The CMK ARN of SSE-KMS buckets; absent for the SSE-S3 access-log bucket. */
  readonly kmsKeyArn?: string;
  /** AWS services allowed to deliver logs under `AWSLogs/<account>/`. */
  readonly deliveryServices: readonly DeliveryService[];
}

export interface BucketPolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal: "*" | { readonly Service?: string; readonly AWS?: string | readonly string[] };
  readonly Action: string | readonly string[];
  /** Exactly one of Resource and NotResource. */
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface BucketPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly BucketPolicyStatement[];
}

function transportStatements(s: BucketPolicyScope): BucketPolicyStatement[] {
  const resources = [s.bucketArn, `${s.bucketArn}/*`];
  return [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: resources,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "DenyTlsBelow12",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: resources,
      Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
    },
  ];
}

/**
 * The objects CloudTrail's digest files are written to. CloudTrail encrypts log files with the
 * trail's KMS key but digest files always with SSE-S3 (encrypting-cloudtrail-log-files-with-aws-kms.html),
 * so the KMS-only deny must leave them out, or log-file integrity validation silently stops.
 */
export function cloudTrailDigestObjects(s: Pick<BucketPolicyScope, "bucketArn" | "accountId">): string {
  return `${s.bucketArn}/*AWSLogs/${s.accountId}/CloudTrail-Digest/*`;
}

function cloudTrailSource(s: BucketPolicyScope): Record<string, string> {
  return { "aws:SourceArn": `arn:${s.partition}:cloudtrail:${s.region}:${s.accountId}:trail/*` };
}

function encryptionStatements(s: BucketPolicyScope, kmsKeyArn: string): BucketPolicyStatement[] {
  const objects = `${s.bucketArn}/*`;
  const digests = s.deliveryServices.includes("cloudtrail") ? cloudTrailDigestObjects(s) : undefined;
  return [
    {
      Sid: "DenyUploadsRequestingOtherEncryption",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      // Everything but the digest files, which the statements below hold to SSE-S3 and CloudTrail.
      ...(digests ? { NotResource: digests } : { Resource: objects }),
      Condition: {
        Null: { "s3:x-amz-server-side-encryption": "false" },
        StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
      },
    },
    {
      Sid: "DenyUploadsWithAnotherKmsKey",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: {
        Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
        StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": kmsKeyArn },
      },
    },
    ...(digests
      ? [
          {
            Sid: "DenyDigestUploadsNotSseS3",
            Effect: "Deny" as const,
            Principal: "*" as const,
            Action: "s3:PutObject",
            Resource: digests,
            Condition: {
              Null: { "s3:x-amz-server-side-encryption": "false" },
              StringNotEquals: { "s3:x-amz-server-side-encryption": "AES256" },
            },
          },
          {
            // The SSE-S3 exception is CloudTrail's alone: nobody else writes under CloudTrail-Digest/.
            Sid: "DenyDigestUploadsNotFromThisAccountsTrails",
            Effect: "Deny" as const,
            Principal: "*" as const,
            Action: "s3:PutObject",
            Resource: digests,
            Condition: { ArnNotLike: cloudTrailSource(s) },
          },
        ]
      : []),
  ];
}

function accessLogDeliveryStatements(s: BucketPolicyScope): BucketPolicyStatement[] {
  return [
    {
      Sid: "S3ServerAccessLogDelivery",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${s.bucketArn}/*`,
      Condition: { StringEquals: { "aws:SourceAccount": s.accountId } },
    },
  ];
}

function cloudTrailStatements(s: BucketPolicyScope): BucketPolicyStatement[] {
  const trails = { ArnLike: cloudTrailSource(s) };
  return [
    {
      Sid: "CloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: s.bucketArn,
      Condition: trails,
    },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      // `*` before AWSLogs lets the trail use any key prefix.
      Resource: `${s.bucketArn}/*AWSLogs/${s.accountId}/*`,
      Condition: { ...trails, StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
    },
  ];
}

function configStatements(s: BucketPolicyScope): BucketPolicyStatement[] {
  const account = { StringEquals: { "aws:SourceAccount": s.accountId } };
  return [
    {
      Sid: "ConfigAclCheck",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: ["s3:GetBucketAcl", "s3:ListBucket"],
      Resource: s.bucketArn,
      Condition: account,
    },
    {
      Sid: "ConfigWrite",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${s.bucketArn}/*AWSLogs/${s.accountId}/Config/*`,
      Condition: { StringEquals: { "aws:SourceAccount": s.accountId, "s3:x-amz-acl": "bucket-owner-full-control" } },
    },
  ];
}

export function bucketPolicy(s: BucketPolicyScope, extra: readonly BucketPolicyStatement[] = []): BucketPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      ...transportStatements(s),
      ...(s.kmsKeyArn ? encryptionStatements(s, s.kmsKeyArn) : []),
      ...(s.profile === "access-logs" ? accessLogDeliveryStatements(s) : []),
      ...(s.deliveryServices.includes("cloudtrail") ? cloudTrailStatements(s) : []),
      ...(s.deliveryServices.includes("config") ? configStatements(s) : []),
      ...extra,
    ],
  };
}
