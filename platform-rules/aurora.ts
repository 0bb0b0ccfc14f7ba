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
