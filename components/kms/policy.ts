/**
 * Key policies, as pure functions of the account, region and partition so they can be tested
 * without an engine. Every key grants the account root (so IAM policies can delegate use) and
 * only the AWS service principals its domain needs, each scoped to this account by condition.
 * No statement uses `Principal: "*"`.
 */
import type { KeyDomain } from "./domains";

export interface PolicyScope {
  readonly accountId: string;
  readonly region: string;
  /** `aws`, `aws-us-gov`, `aws-cn`. */
  readonly partition: string;
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal: { readonly AWS?: string; readonly Service?: string | readonly string[] };
  readonly Action: string | readonly string[];
  readonly Resource: "*";
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface KeyPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

const ENCRYPT_DECRYPT = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

function rootStatement(s: PolicyScope): PolicyStatement {
  // Without this the key becomes unmanageable; IAM policies then decide who may use it.
  return {
    Sid: "AccountRootAdministers",
    Effect: "Allow",
    Principal: { AWS: `arn:${s.partition}:iam::${s.accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

function sourceAccount(s: PolicyScope) {
  return { StringEquals: { "aws:SourceAccount": s.accountId } };
}

function logsStatements(s: PolicyScope): PolicyStatement[] {
  return [
    {
      Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
      Effect: "Allow",
      Principal: { Service: `logs.${s.region}.amazonaws.com` },
      Action: ENCRYPT_DECRYPT,
      Resource: "*",
      Condition: {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": `arn:${s.partition}:logs:${s.region}:${s.accountId}:log-group:*`,
        },
      },
    },
  ];
}

function storageStatements(s: PolicyScope): PolicyStatement[] {
  const trailArn = `arn:${s.partition}:cloudtrail:*:${s.accountId}:trail/*`;
  return [
    {
      Sid: "CloudTrailEncryptsThisAccountsTrails",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailArn },
        ArnLike: { "aws:SourceArn": `arn:${s.partition}:cloudtrail:${s.region}:${s.accountId}:trail/*` },
      },
    },
    {
      Sid: "CloudTrailDescribesKey",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: sourceAccount(s),
    },
    {
      Sid: "ConfigDeliversToThisAccountsBuckets",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
      Condition: sourceAccount(s),
    },
  ];
}

function messagingStatements(s: PolicyScope): PolicyStatement[] {
  // SNS delivering to encrypted queues, CloudWatch alarms, Cost Anomaly Detection and
  // EventBridge publishing to encrypted topics all need the data key of the destination.
  return [
    {
      Sid: "AwsServicesPublishToThisAccountsEncryptedTopicsAndQueues",
      Effect: "Allow",
      Principal: {
        Service: ["sns.amazonaws.com", "sqs.amazonaws.com", "cloudwatch.amazonaws.com", "costalerts.amazonaws.com"],
      },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
      Condition: sourceAccount(s),
    },
    {
      // EventBridge sends no aws:SourceAccount or aws:SourceArn to KMS when it publishes to an
      // encrypted topic ("not supported for EventBridge-to-encrypted topics",
      // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html), so that condition
      // would refuse every delivery. SNS (or SQS) encrypts on EventBridge's behalf, so the key is
      // held to those services in this region instead; topic and queue policies decide which
      // rules may publish.
      Sid: "EventBridgePublishesToEncryptedTopics",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:ViaService": [`sns.${s.region}.amazonaws.com`, `sqs.${s.region}.amazonaws.com`] },
      },
    },
  ];
}

/** The service statements each domain's key adds to the root statement. */
const SERVICE_STATEMENTS: Readonly<Record<KeyDomain, (s: PolicyScope) => PolicyStatement[]>> = {
  // RDS, DynamoDB, Lambda, Secrets Manager and AWS Backup use the caller's grants, which the
  // root statement lets IAM policies give; they need no service principal of their own.
  database: () => [],
  storage: storageStatements,
  dynamodb: () => [],
  lambda: () => [],
  logs: logsStatements,
  messaging: messagingStatements,
  secrets: () => [],
  backup: () => [],
};

/** The key policy for a domain's key, with any extra statements the caller adds. */
export function keyPolicy(
  domain: KeyDomain,
  scope: PolicyScope,
  extra: readonly PolicyStatement[] = [],
): KeyPolicyDocument {
  return { Version: "2012-10-17", Statement: [rootStatement(scope), ...SERVICE_STATEMENTS[domain](scope), ...extra] };
}
