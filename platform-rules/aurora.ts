/**
 * Aurora PostgreSQL Serverless v2 limits and platform defaults, defined once: config validation
 * (stacks/config/data.ts) and the Aurora component (components/database/args.ts) read these.
 * Limits from the RDS user guide (Serverless v2 capacity, scaling to zero, backups).
 */

/** Majors with Serverless v2 support that are in standard support. */
export const AURORA_POSTGRES_MAJORS = [16, 17] as const;
/** Scale to zero (minCapacity 0) needs these minimum minor versions per major. */
export const SCALE_TO_ZERO_MIN_MINOR: Readonly<Record<number, number>> = { 16: 3, 17: 1 };

/** Serverless v2 capacity: steps of 0.5 ACU up to 256; the maximum is at least 1 ACU. */
export const ACU = { step: 0.5, max: 256, minOfMax: 1 } as const;
/** Idle seconds before a scale-to-zero cluster pauses. */
export const AUTO_PAUSE_SECONDS = { min: 300, max: 86400 } as const;
/** Aurora allows 15 readers per cluster. */
export const MAX_READER_INSTANCES = 15;
/** Automated backup retention in days. */
export const BACKUP_RETENTION_DAYS = { min: 1, max: 35 } as const;

/**
 * Defaults when neither the stack file nor the caller says otherwise. One reader, so a new
 * cluster survives the loss of its writer's AZ (secure by default; dev opts out with 0).
 */
export const AURORA_DEFAULTS = {
  minCapacity: 0.5,
  maxCapacity: 16,
  readerInstances: 1,
  backupRetentionDays: 7,
} as const;

/**
 * Aurora Auto Scaling of the reader count (Application Auto Scaling, dimension
 * rds:cluster:ReadReplicaCount, which counts every reader). It removes only the replicas it
 * created, so its minimum is at least the fixed readers; added replicas take the writer's class
 * (db.serverless) and promotion tier 15 (Aurora user guide, "Aurora Auto Scaling").
 */
export const READER_SCALING_DEFAULTS = {
  targetCpuPercent: 70,
  scaleInCooldownSeconds: 300,
  scaleOutCooldownSeconds: 300,
} as const;

/**
 * Aurora Serverless v2 gives "approximately 2 GiB of memory" per ACU "and corresponding CPU"
 * (Aurora user guide, aurora-serverless-v2.how-it-works). AWS publishes no vCPU figure per ACU;
 * the memory-optimized classes it is matched to (db.r6g/r7g: 8 GiB per vCPU, e.g. db.r6g.large
 * 2 vCPU, 16 GiB = 8 ACU of memory) give 4 ACU per vCPU. An estimate, used only to size the pool.
 */
export const ACU_PER_VCPU = 4;

/**
 * Database connections RDS Proxy may open per writer vCPU. A closed pool bigger than the writer's
 * CPU can run only queues the excess inside the database, on the CPU scheduler, where every
 * booking shares the cores with the others: throughput falls as connections are added and the
 * tail grows with them (services/trade-api/bench-ledger-scale.ts measures both, docs/ledger-capacity.md).
 * Capped, the excess waits at the proxy for a connection (up to connectionBorrowTimeout) and the
 * writer runs at its best rate. Four per vCPU leaves room for the commit's WAL flush wait.
 */
export const PROXY_CONNECTIONS_PER_VCPU = 4;

/**
 * Aurora PostgreSQL Serverless v2's max_connections, which the proxy's share is a percent of. It
 * follows the capacity range, not the current capacity: with a minimum of 1 ACU or more, 5,000 at a
 * maximum of 32 ACU or more and 3,360 at 16; with a minimum of 0 or 0.5, 2,000 at a maximum of 16
 * or more (re:Post "Working of max_connections for Amazon Aurora PostgreSQL Serverless";
 * docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.setting-capacity.html).
 * Undefined for the ranges those figures do not cover.
 */
export function serverlessV2MaxConnections(minCapacity: number, maxCapacity: number): number | undefined {
  if (minCapacity >= 1) {
    if (maxCapacity >= 32) return 5000;
    if (maxCapacity === 16) return 3360;
    return undefined;
  }
  return maxCapacity >= 16 ? 2000 : undefined;
}

/** The proxy's pool for a writer of `vcpus` vCPUs (at least one vCPU's worth). */
export function proxyPoolConnections(vcpus: number): number {
  return PROXY_CONNECTIONS_PER_VCPU * Math.max(1, vcpus);
}

/** The pool RDS Proxy is given for a writer's capacity range (proxyPool). */
export interface ProxyPool {
  /** MaxConnectionsPercent: a whole 1–100, so it rounds up from PROXY_CONNECTIONS_PER_VCPU. */
  readonly percent: number;
  /** The database connections that percent opens. */
  readonly connections: number;
  /** connections per writer vCPU at maximum capacity; the ledger-scale bench sizes its model of the proxy with it. */
  readonly perVcpu: number;
}

/**
 * RDS Proxy's pool that opens at least proxyPoolConnections for the writer at its maximum
 * capacity; undefined where max_connections is not known (the component's default then applies).
 * Prod (2–64 ACU): 16 vCPU → 64 wanted → 2 % of 5,000, i.e. 100 connections, 6.25 per vCPU.
 */
export function proxyPool(minCapacity: number, maxCapacity: number): ProxyPool | undefined {
  const maxConnections = serverlessV2MaxConnections(minCapacity, maxCapacity);
  if (maxConnections === undefined) return undefined;
  const vcpus = Math.max(1, maxCapacity / ACU_PER_VCPU);
  const percent = Math.min(100, Math.max(1, Math.ceil((100 * proxyPoolConnections(vcpus)) / maxConnections)));
  const connections = Math.floor((percent * maxConnections) / 100);
  return { percent, connections, perVcpu: connections / vcpus };
}

/**
 * What ModifyDBProxyTargetGroup accepts for a target group's connection pool, and what the
 * provider sends for an unset field (it always sends all three). Sources: the RDS API's
 * ConnectionPoolConfiguration, CloudFormation's DBProxyTargetGroup ConnectionPoolConfigurationInfoFormat
 * (ConnectionBorrowTimeout 0-300 s in the current reference), terraform-provider-aws
 * proxy_default_target_group.go (docs/deploy-readiness.md, "rds-proxy-connection-pool").
 */
export const RDS_PROXY_POOL = {
  maxConnectionsPercent: { min: 1, max: 100, providerDefault: 100 },
  maxIdleConnectionsPercent: { min: 0, providerDefault: 50 },
  connectionBorrowTimeout: { min: 0, max: 300, providerDefault: 120 },
} as const;

/**
 * What pins an RDS Proxy client session to one database connection for the rest of the session
 * (PostgreSQL): SET in any form (SET LOCAL and set_config included: the proxy cannot tell which
 * are safe), PREPARE / EXECUTE / DEALLOCATE / DISCARD, temporary tables, sequences and views,
 * cursors, LISTEN/UNLISTEN, LOAD, nextval/setval, the session-level advisory lock functions
 * (pg_advisory_unlock_all too; the transaction-level ones do not pin) and any statement text over 16 KB
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-pinning.html,
 * PostgreSQL section). With the proxy's pool sized to the writer's CPU, a pinned Lambda instance
 * holds one of those few connections for its lifetime, so the services send none of these.
 */
export const RDS_PROXY_PINNING: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: "a SET command (SET LOCAL too)", pattern: /(^|;)\s*(set|reset)\s/i },
  { what: "set_config()", pattern: /\bset_config\s*\(/i },
  { what: "a prepared-statement command", pattern: /(^|;)\s*(prepare|execute|deallocate|discard)\s/i },
  { what: "a temporary object", pattern: /\bcreate\s+(temp|temporary)\s/i },
  { what: "a cursor", pattern: /(^|;)\s*declare\s/i },
  { what: "LISTEN or UNLISTEN", pattern: /(^|;)\s*(un)?listen\s/i },
  { what: "LOAD", pattern: /(^|;)\s*load\s/i },
  { what: "a sequence function", pattern: /\b(nextval|setval)\s*\(/i },
  { what: "a session-level advisory lock", pattern: /\bpg_(try_)?advisory_(lock|unlock)(_shared|_all)?\s*\(/i },
];

/** Statement text longer than this pins, whatever it says (RDS Proxy, all engines). */
export const RDS_PROXY_PINNING_TEXT_BYTES = 16 * 1024;

/** What in `sql` pins an RDS Proxy session, or undefined. */
export function proxyPinningReason(sql: string): string | undefined {
  if (Buffer.byteLength(sql, "utf8") > RDS_PROXY_PINNING_TEXT_BYTES)
    return `statement text over ${RDS_PROXY_PINNING_TEXT_BYTES / 1024} KB`;
  return RDS_PROXY_PINNING.find((p) => p.pattern.test(sql))?.what;
}
