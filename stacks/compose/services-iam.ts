/**
 * What each service function may do, beyond logging and tracing (which LambdaFunction grants):
 * the READMEs' IAM sections, as statements on the exact tables, buckets, keys and topics.
 * KMS use is limited to the service that calls it (kms:ViaService).
 */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "../../components/services/iam";
import type { CoreOutputs } from "./contracts";

const via = (service: string, region: string) => ({
  StringEquals: { "kms:ViaService": `${service}.${region}.amazonaws.com` },
});

/** Query and PutItem on the audit table only: the role cannot alter stored rows. */
export function auditProcessorStatements(core: CoreOutputs, region: string): PolicyStatement[] {
  return [
    {
      sid: "AuditTableAppendOnly",
      actions: ["dynamodb:Query", "dynamodb:PutItem"],
      resources: [core.tables.auditEvents.arn],
    },
    {
      sid: "AuditTableKey",
      actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
      resources: [core.keys.dynamodb.arn],
      condition: via("dynamodb", region),
    },
  ];
}

/** The migration function only: the master user's secret, which nothing else may read. */
export function databaseSecretStatements(core: CoreOutputs, region: string): PolicyStatement[] {
  return [
    { sid: "DatabaseSecret", actions: ["secretsmanager:GetSecretValue"], resources: [core.database.masterSecretArn] },
    {
      sid: "DatabaseSecretKey",
      actions: ["kms:Decrypt"],
      resources: [core.keys.secrets.arn],
      condition: via("secretsmanager", region),
    },
  ];
}

/** IAM database authentication as one database user of the cluster (PCI DSS 7.2, 8.6). */
export function databaseUserArn(core: CoreOutputs, region: string, dbUser: string): pulumi.Output<string> {
  return pulumi.interpolate`arn:aws:rds-db:${region}:${core.accountId}:dbuser:${core.database.clusterResourceId}/${dbUser}`;
}

/** Where a function's IAM database login goes: the cluster itself, or RDS Proxy (named by its `prx-…` id). */
export type DbConnectTarget =
  { readonly kind: "cluster" } | { readonly kind: "proxy"; readonly resourceId: pulumi.Input<string> };

/** The rds-db:connect resource for `dbUser` through `target`. */
export function connectArn(
  core: CoreOutputs,
  region: string,
  dbUser: string,
  target: DbConnectTarget,
): pulumi.Output<string> {
  return target.kind === "proxy"
    ? pulumi.interpolate`arn:aws:rds-db:${region}:${core.accountId}:dbuser:${target.resourceId}/${dbUser}`
    : databaseUserArn(core, region, dbUser);
}

/**
 * The trade API: its database user and the audit topic. No api-keys table: the REST API's
 * authorizer checked the key before the function runs.
 */
export function tradeApiStatements(
  core: CoreOutputs,
  auditTopicArn: pulumi.Input<string>,
  region: string,
  dbUser: string,
  target: DbConnectTarget = { kind: "cluster" },
): PolicyStatement[] {
  return [
    { sid: "DatabaseConnect", actions: ["rds-db:connect"], resources: [connectArn(core, region, dbUser, target)] },
    ...auditPublishStatements(core, auditTopicArn, region),
  ];
}

/**
 * The Lambda authorizer: GetItem on the api-keys table (one key hash per call; no Query, Scan
 * or writes), the table's key through DynamoDB only, and the audit topic for denials.
 */
export function tradeApiAuthorizerStatements(
  core: CoreOutputs,
  auditTopicArn: pulumi.Input<string>,
  region: string,
): PolicyStatement[] {
  return [
    { sid: "ApiKeysLookup", actions: ["dynamodb:GetItem"], resources: [core.tables.apiKeys.arn] },
    {
      sid: "ApiKeysKey",
      actions: ["kms:Decrypt"],
      resources: [core.keys.dynamodb.arn],
      condition: via("dynamodb", region),
    },
    ...auditPublishStatements(core, auditTopicArn, region),
  ];
}

function auditPublishStatements(
  core: CoreOutputs,
  auditTopicArn: pulumi.Input<string>,
  region: string,
): PolicyStatement[] {
  return [
    { sid: "PublishAuditEvents", actions: ["sns:Publish"], resources: [auditTopicArn] },
    {
      sid: "AuditTopicKey",
      actions: ["kms:GenerateDataKey", "kms:Decrypt"],
      resources: [core.keys.messaging.arn],
      condition: via("sns", region),
    },
  ];
}

/**
 * The digest writer: its one database user, and write-once copies in the digest bucket (PUT
 * plus HEAD through GetObject to find a missed copy); no delete, no retention bypass.
 */
export function ledgerDigestStatements(
  core: CoreOutputs,
  region: string,
  dbUser: string,
  target: DbConnectTarget,
): PolicyStatement[] {
  const bucket = core.buckets.ledgerDigests;
  return [
    { sid: "DatabaseConnect", actions: ["rds-db:connect"], resources: [connectArn(core, region, dbUser, target)] },
    {
      sid: "WriteDigests",
      actions: ["s3:PutObject", "s3:GetObject"],
      resources: [bucket.arn.apply((a) => `${a}/ledger-digests/*`)],
    },
    // Without list, HEAD of a missing digest answers 403 instead of 404.
    {
      sid: "ListDigests",
      actions: ["s3:ListBucket"],
      resources: [bucket.arn],
      condition: { StringLike: { "s3:prefix": ["ledger-digests/*"] } },
    },
    {
      sid: "StorageKey",
      actions: ["kms:Decrypt", "kms:GenerateDataKey"],
      resources: [core.keys.storage.arn],
      condition: via("s3", region),
    },
  ];
}

/**
 * The audit-outbox sweeper: its one database user (the outbox table only, migration 007) and
 * publishing to the audit topic, whose messaging key SNS uses on its behalf. Nothing else.
 */
export function auditOutboxStatements(
  core: CoreOutputs,
  auditTopicArn: pulumi.Input<string>,
  region: string,
  dbUser: string,
  target: DbConnectTarget,
): PolicyStatement[] {
  return [
    { sid: "DatabaseConnect", actions: ["rds-db:connect"], resources: [connectArn(core, region, dbUser, target)] },
    { sid: "PublishAuditEvents", actions: ["sns:Publish"], resources: [auditTopicArn] },
    {
      sid: "AuditTopicKey",
      actions: ["kms:GenerateDataKey", "kms:Decrypt"],
      resources: [core.keys.messaging.arn],
      condition: via("sns", region),
    },
  ];
}

/** Read under the incoming prefix, write only the quarantine and analytics prefixes. */
export function dataProcessorStatements(
  core: CoreOutputs,
  region: string,
  prefixes: { incoming: string; analytics: string; quarantine: string },
): PolicyStatement[] {
  const { ingestion, analytics } = core.buckets;
  return [
    {
      sid: "ReadIncoming",
      actions: ["s3:GetObject", "s3:GetObjectVersion"],
      resources: [ingestion.arn.apply((a) => `${a}/${prefixes.incoming}*`)],
    },
    // Without list, S3 answers 403 instead of 404 for a deleted object.
    {
      sid: "ListIncoming",
      actions: ["s3:ListBucket"],
      resources: [ingestion.arn],
      condition: { StringLike: { "s3:prefix": [`${prefixes.incoming}*`] } },
    },
    {
      sid: "WriteQuarantine",
      actions: ["s3:PutObject"],
      resources: [ingestion.arn.apply((a) => `${a}/${prefixes.quarantine}*`)],
    },
    {
      sid: "WriteAnalytics",
      actions: ["s3:PutObject"],
      resources: [analytics.arn.apply((a) => `${a}/${prefixes.analytics}*`)],
    },
    {
      sid: "StorageKey",
      actions: ["kms:Decrypt", "kms:GenerateDataKey"],
      resources: [core.keys.storage.arn],
      condition: via("s3", region),
    },
  ];
}
