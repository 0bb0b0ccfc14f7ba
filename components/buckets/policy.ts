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
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface BucketPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly BucketPolicyStatement[];
}

function transportStatements(s: BucketPolicyScope): BucketPolicyStatement[] {
  const resources = [s.bucketArn, `${s.bucketArn}/*`];
  return [
    { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { Bool: { "aws:SecureTransport": "false" } } },
    { Sid: "DenyTlsBelow12", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: resources, Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } } },
  ];
}

function encryptionStatements(s: BucketPolicyScope, kmsKeyArn: string): BucketPolicyStatement[] {
  const objects = `${s.bucketArn}/*`;
  return [
    {
      Sid: "DenyUploadsRequestingOtherEncryption",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: { Null: { "s3:x-amz-server-side-encryption": "false" }, StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
    },
    {
      Sid: "DenyUploadsWithAnotherKmsKey",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: { Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" }, StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": kmsKeyArn } },
    },
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
  const trails = { ArnLike: { "aws:SourceArn": `arn:${s.partition}:cloudtrail:${s.region}:${s.accountId}:trail/*` } };
  return [
    { Sid: "CloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: s.bucketArn, Condition: trails },
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
    { Sid: "ConfigAclCheck", Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: s.bucketArn, Condition: account },
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
