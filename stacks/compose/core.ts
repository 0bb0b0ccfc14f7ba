/**
 * Core AWS platform (issue #3): KMS keys, network, Aurora, DynamoDB tables and S3 buckets,
 * composed from the typed stack config. Everything is created with the primary provider;
 * `ctx.retain` turns on protection for every stateful resource.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureBucket, type BucketProfile, type SecureBucketArgs } from "../../components/buckets";
import type { Protection } from "../../components/common";
import { AuroraCluster } from "../../components/database";
import { Keys } from "../../components/kms";
import { Network } from "../../components/network";
import { BACKUP_TAG_KEY } from "../../components/operations";
import { Tables, type TableSpec } from "../../components/tables";
import type {
  BucketRef,
  CoreOutputs,
  DatabaseOutputs,
  KeyDomain,
  KeyRef,
  NetworkOutputs,
  StackContext,
  TableRef,
} from "./contracts";

export interface ComposedCore extends CoreOutputs {
  /** Stack outputs this part contributes. */
  readonly exports: Record<string, unknown>;
}

/** Table layouts the services rely on (services/trade-api, services/audit-processor). */
export const CORE_TABLES: Readonly<Record<keyof CoreOutputs["tables"], TableSpec>> = {
  sessions: { key: "sessions", partitionKey: { name: "session_id", type: "S" }, ttlAttribute: "expires_at" },
  apiKeys: { key: "api-keys", partitionKey: { name: "key_hash", type: "S" } },
  // Keyed by event_id alone: the processor's attribute_not_exists(event_id) put is then one write per
  // event id, so two copies of an id with different timestamps can never both be stored.
  auditEvents: { key: "audit-events", partitionKey: { name: "event_id", type: "S" }, stream: "NEW_AND_OLD_IMAGES" },
  // Powertools idempotency's default layout, so the handlers can adopt it unchanged.
  idempotency: { key: "idempotency", partitionKey: { name: "id", type: "S" }, ttlAttribute: "expiration" },
};

/** CoreOutputs bucket key → lifecycle profile. */
export const CORE_BUCKETS: Readonly<Record<keyof CoreOutputs["buckets"], BucketProfile>> = {
  ingestion: "ingestion",
  analytics: "analytics",
  archive: "archival",
  audit: "audit",
  accessLogs: "access-logs",
  ledgerDigests: "ledger-digests",
};

/** The database the services connect to. */
export const DATABASE_NAME = "fx";

export function composeCore(ctx: StackContext): ComposedCore {
  const { config } = ctx;
  const opts = { providers: { aws: ctx.aws } };
  const protection: Protection = ctx.retain ? "retain" : "disposable";
  const prefix = `${config.project}-${config.stack}`;
  const accountId = aws.getCallerIdentityOutput({}, { provider: ctx.aws }).accountId;

  const keyComponent = new Keys(
    "keys",
    { aliasPrefix: prefix, deletionWindowDays: config.kms.deletionWindowDays, protection },
    opts,
  );
  // Spelled out (no cast) so a domain added to the contract or removed from Keys fails type-checking.
  const key = (d: KeyDomain): KeyRef => ref(keyComponent.key(d));
  const keys: Record<KeyDomain, KeyRef> = {
    database: key("database"),
    storage: key("storage"),
    dynamodb: key("dynamodb"),
    lambda: key("lambda"),
    logs: key("logs"),
    messaging: key("messaging"),
    secrets: key("secrets"),
    backup: key("backup"),
  };

  const network = composeNetwork(ctx, keys.logs.arn, protection, opts);
  const database = composeDatabase(ctx, prefix, network, keys, protection, opts);
  const buckets = composeBuckets(ctx, prefix, accountId, keys.storage.arn, protection, opts);

  const tableComponent = new Tables(
    "tables",
    { tables: Object.values(CORE_TABLES), kmsKeyArn: keys.dynamodb.arn, protection, tags: backupTags(prefix) },
    opts,
  );
  const tables = Object.fromEntries(
    Object.entries(CORE_TABLES).map(([k, spec]) => [k, tableComponent.tables[spec.key] satisfies TableRef]),
  ) as unknown as CoreOutputs["tables"];

  return {
    accountId,
    network,
    keys,
    database,
    tables,
    buckets,
    exports: {
      vpcId: network.vpcId,
      databaseEndpoint: database.endpoint,
      databaseReaderEndpoint: database.readerEndpoint,
      databaseMasterSecretArn: database.masterSecretArn,
      kmsKeyArns: Object.fromEntries(Object.entries(keys).map(([d, k]) => [d, k.arn])),
      bucketNames: Object.fromEntries(Object.entries(buckets).map(([k, b]) => [k, b.bucket])),
      tableNames: Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, t.name])),
    },
  };
}

function composeNetwork(
  ctx: StackContext,
  logsKeyArn: pulumi.Output<string>,
  protection: Protection,
  opts: pulumi.ComponentResourceOptions,
): NetworkOutputs {
  const cfg = ctx.config.network;
  const network = new Network(
    "network",
    {
      region: ctx.config.awsRegion,
      cidr: cfg.cidr,
      availabilityZones: cfg.availabilityZones,
      natStrategy: cfg.natStrategy,
      interfaceEndpoints: cfg.interfaceEndpoints,
      flowLogRetentionDays: cfg.flowLogRetentionDays,
      logsKmsKeyArn: logsKeyArn,
      protection,
    },
    opts,
  );
  return {
    vpcId: network.vpcId,
    cidr: network.cidr,
    publicSubnetIds: network.publicSubnetIds,
    appSubnetIds: network.appSubnetIds,
    dataSubnetIds: network.dataSubnetIds,
    privateRouteTableIds: network.privateRouteTableIds,
    publicRouteTableIds: network.publicRouteTableIds,
    appSecurityGroupId: network.appSecurityGroupId,
    dataSecurityGroupId: network.dataSecurityGroupId,
  };
}

function composeDatabase(
  ctx: StackContext,
  prefix: string,
  network: NetworkOutputs,
  keys: Record<KeyDomain, KeyRef>,
  protection: Protection,
  opts: pulumi.ComponentResourceOptions,
): DatabaseOutputs {
  const cfg = ctx.config.aurora;
  // awsx spreads the subnets over the region's first N available zones; the instances follow.
  const zones = aws
    .getAvailabilityZonesOutput({ state: "available" }, { provider: ctx.aws })
    .names.apply((n) => n.slice(0, ctx.config.network.availabilityZones));
  const cluster = new AuroraCluster(
    "database",
    {
      clusterIdentifier: prefix,
      engineVersion: cfg.engineVersion,
      minCapacity: cfg.minCapacity,
      maxCapacity: cfg.maxCapacity,
      autoPauseSeconds: cfg.autoPauseSeconds,
      readerInstances: cfg.readerInstances,
      readerAutoScaling: cfg.readerAutoScaling && {
        minReaders: cfg.readerAutoScaling.min,
        maxReaders: cfg.readerAutoScaling.max,
        targetCpuPercent: cfg.readerAutoScaling.targetCpuPercent,
      },
      availabilityZones: zones,
      databaseName: DATABASE_NAME,
      backupRetentionDays: cfg.backupRetentionDays,
      preferredBackupWindow: cfg.preferredBackupWindow,
      preferredMaintenanceWindow: cfg.preferredMaintenanceWindow,
      subnetIds: network.dataSubnetIds,
      securityGroupIds: [network.dataSecurityGroupId],
      kmsKeyArn: keys.database.arn,
      secretsKmsKeyArn: keys.secrets.arn,
      logsKmsKeyArn: keys.logs.arn,
      logRetentionDays: cfg.logRetentionDays,
      // Only the DR subscription needs it (platform:aurora.logicalReplication, required with DR on);
      // it keeps Serverless v2 from pausing, so dev idles at 0 ACU.
      logicalReplication: cfg.logicalReplication,
      protection,
      tags: backupTags(prefix),
    },
    opts,
  );
  return {
    clusterArn: cluster.clusterArn,
    clusterIdentifier: cluster.clusterIdentifier,
    clusterResourceId: cluster.clusterResourceId,
    endpoint: cluster.endpoint,
    readerEndpoint: cluster.readerEndpoint,
    port: cluster.port,
    databaseName: cluster.databaseName,
    masterSecretArn: cluster.masterSecretArn,
    cluster,
  };
}

/** The tag AWS Backup's selection matches (stacks/compose/backup.ts): Aurora, the tables and the data buckets carry it. */
export function backupTags(prefix: string): Record<string, string> {
  return { [BACKUP_TAG_KEY]: prefix };
}

function ref(key: { arn: pulumi.Output<string>; keyId: pulumi.Output<string> }): KeyRef {
  return { arn: key.arn, keyId: key.keyId };
}

function composeBuckets(
  ctx: StackContext,
  prefix: string,
  accountId: pulumi.Output<string>,
  storageKeyArn: pulumi.Output<string>,
  protection: Protection,
  opts: pulumi.ComponentResourceOptions,
): CoreOutputs["buckets"] {
  const cfg = ctx.config.buckets;
  const name = (profile: BucketProfile) => pulumi.interpolate`${prefix}-${profile}-${accountId}`;
  const accessLogs = new SecureBucket(
    "access-logs",
    {
      profile: "access-logs",
      bucketName: name("access-logs"),
      retentionDays: cfg.accessLogRetentionDays,
      noncurrentVersionExpirationDays: cfg.noncurrentVersionExpirationDays,
      protection,
    },
    opts,
  );
  const data = (key: keyof CoreOutputs["buckets"], extra: Partial<SecureBucketArgs> = {}): BucketRef => {
    const profile = CORE_BUCKETS[key];
    const bucket = new SecureBucket(
      key === "accessLogs" ? "access-logs" : profile,
      {
        profile,
        bucketName: name(profile),
        kmsKeyArn: storageKeyArn,
        accessLogs: { bucket: accessLogs.bucket, prefix: `${profile}/` },
        noncurrentVersionExpirationDays: cfg.noncurrentVersionExpirationDays,
        ...(profile === "audit" || profile === "ledger-digests" ? {} : { transitionDays: cfg.transitionDays }),
        protection,
        ...extra,
      },
      opts,
    );
    return { bucket: bucket.bucket, arn: bucket.arn, policy: bucket.policy };
  };
  return {
    accessLogs: { bucket: accessLogs.bucket, arn: accessLogs.arn, policy: accessLogs.policy },
    ingestion: data("ingestion", { tags: backupTags(prefix) }),
    analytics: data("analytics", { tags: backupTags(prefix) }),
    archive: data("archive", { tags: backupTags(prefix) }),
    // The stack's own trail and recorder deliver here; a landing zone's deliver to its log archive.
    audit: data("audit", {
      retentionDays: cfg.auditLogRetentionDays,
      deliveryServices: ctx.config.account.baseline === "managed" ? ["cloudtrail", "config"] : [],
    }),
    // Ledger digests (services/trade-api/store/digest-writer.ts), write-once under Object Lock.
    ledgerDigests: data("ledgerDigests", {
      objectLock: { mode: cfg.ledgerDigestLockMode, retentionDays: cfg.ledgerDigestRetentionDays },
    }),
  };
}
