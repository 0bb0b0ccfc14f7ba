/** AuroraArgs and their validation (pure, tested without an engine). */
import type * as pulumi from "@pulumi/pulumi";
import {
  ACU,
  AURORA_DEFAULTS,
  AURORA_POSTGRES_MAJORS,
  AUTO_PAUSE_SECONDS,
  BACKUP_RETENTION_DAYS,
  MAX_READER_INSTANCES,
  SCALE_TO_ZERO_MIN_MINOR,
} from "../../platform-rules/aurora";

/** Reader auto scaling: target tracking of the readers' average CPU between minReaders and maxReaders. */
export interface ReaderAutoScaling {
  /** Fewest readers, fixed ones included: at least readerInstances (auto scaling never removes those). */
  readonly minReaders: number;
  /** Most readers: minReaders to 15. */
  readonly maxReaders: number;
  /** Average reader CPU to hold, 10 to 90 percent. Default 70. */
  readonly targetCpuPercent?: number;
}
import { logRetentionProblem } from "../../platform-rules/log-retention";
import { PROTECTIONS, collectProblems, known, type Protection } from "../common";

/** Aurora PostgreSQL majors with Serverless v2 support in standard support. */
export const SUPPORTED_MAJORS = AURORA_POSTGRES_MAJORS;

export interface AuroraArgs {
  /** Cluster identifier: 1–63 lower-case letters, digits, single hyphens; starts with a letter. Named so the log group can exist first. Required. */
  readonly clusterIdentifier: string;
  /** Engine version `major.minor`; major 16 or 17. Required. */
  readonly engineVersion: string;
  /** Minimum ACUs: 0 (scale to zero; needs autoPauseSeconds) or 0.5–256 in steps of 0.5. Default 0.5. */
  readonly minCapacity?: number;
  /** Maximum ACUs: 1–256 in steps of 0.5, at least minCapacity. Default 16. */
  readonly maxCapacity?: number;
  /** Idle seconds before pausing when minCapacity is 0: 300–86400. Only with minCapacity 0. */
  readonly autoPauseSeconds?: number;
  /** Reader instances, placed in other AZs: 0–15. Default AURORA_DEFAULTS.readerInstances (1). */
  readonly readerInstances?: number;
  /** Application Auto Scaling of the readers on their average CPU. Needs at least one fixed reader. Default none. */
  readonly readerAutoScaling?: ReaderAutoScaling;
  /** AZs to place instances in round-robin (writer first). Default: RDS chooses within the subnet group. */
  readonly availabilityZones?: pulumi.Input<string[]>;
  /** Initial database name: lower-case letters, digits, _; starts with a letter. Default "app". */
  readonly databaseName?: string;
  /** Master user name (its password is managed by RDS in Secrets Manager). Default "platform_admin". */
  readonly masterUsername?: string;
  /** Days of automated backups: 1–35. Default 7. */
  readonly backupRetentionDays?: number;
  /** Daily backup window `hh:mm-hh:mm` UTC. Default 03:00-04:00. */
  readonly preferredBackupWindow?: string;
  /** Weekly maintenance window `ddd:hh:mm-ddd:hh:mm` UTC. Default sun:04:30-sun:05:30. */
  readonly preferredMaintenanceWindow?: string;
  /** Data-tier subnets for the DB subnet group (at least two AZs). Required. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security groups of the cluster (the data tier's). Required, at least one. */
  readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** CMK for storage, snapshots and Performance Insights. Required. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** CMK for the RDS-managed master secret. Required. */
  readonly secretsKmsKeyArn: pulumi.Input<string>;
  /** CMK for the PostgreSQL log group. Required. */
  readonly logsKmsKeyArn: pulumi.Input<string>;
  /** Days to keep PostgreSQL logs; a CloudWatch Logs retention period. Default 365. */
  readonly logRetentionDays?: number;
  /**
   * Logical replication (rds.logical_replication=1) for a DR subscriber: "disabled" (default)
   * or "enabled". Enabled keeps Serverless v2 from pausing, so not with minCapacity 0.
   */
  readonly logicalReplication?: "enabled" | "disabled";
  /** `retain` (default): protect, deletion protection, final snapshot. `disposable`: dev only; no final snapshot. */
  readonly protection?: Protection;
  /** Extra tags on the stateful resource itself (e.g. BackupPlan, which AWS Backup selects by). Default none. */
  readonly tags?: Readonly<Record<string, string>>;
}

export const PORT = 5432;

/** Every problem with the args, each naming its field; empty when valid. */
export function auroraArgsProblems(args: AuroraArgs): readonly string[] {
  return collectProblems((p) => {
    const id = args.clusterIdentifier;
    if (!/^[a-z](?!.*--)[a-z0-9-]{0,62}$/.test(id) || id.endsWith("-")) {
      p.add(
        "clusterIdentifier",
        `${JSON.stringify(id)} must be 1-63 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen`,
      );
    }
    const version = /^(\d+)\.(\d+)$/.exec(args.engineVersion);
    if (!version) p.add("engineVersion", `${JSON.stringify(args.engineVersion)} must be major.minor, e.g. 17.4`);
    const major = version ? Number(version[1]) : undefined;
    if (major !== undefined && !(SUPPORTED_MAJORS as readonly number[]).includes(major))
      p.add("engineVersion", `major ${major} is not supported; expected ${SUPPORTED_MAJORS.join(" or ")}`);
    const min = args.minCapacity ?? AURORA_DEFAULTS.minCapacity;
    const max = args.maxCapacity ?? AURORA_DEFAULTS.maxCapacity;
    const acu = (field: string, v: number, low: number) => {
      if (!Number.isInteger(v / ACU.step) || v < low || v > ACU.max)
        p.add(field, `must be ${low} to ${ACU.max} ACUs in steps of ${ACU.step}; got ${v}`);
    };
    acu("minCapacity", min, 0);
    acu("maxCapacity", max, ACU.minOfMax);
    if (min > max) p.add("minCapacity", `must not exceed maxCapacity (${max}); got ${min}`);
    if (min === 0) {
      if (args.autoPauseSeconds === undefined)
        p.add(
          "autoPauseSeconds",
          `is required when minCapacity is 0 (${AUTO_PAUSE_SECONDS.min} to ${AUTO_PAUSE_SECONDS.max} seconds)`,
        );
      const needed = major !== undefined ? SCALE_TO_ZERO_MIN_MINOR[major] : undefined;
      if (version && needed !== undefined && Number(version[2]) < needed)
        p.add("engineVersion", `scale to zero needs ${major}.${needed} or newer; got ${args.engineVersion}`);
    } else if (args.autoPauseSeconds !== undefined) {
      p.add("autoPauseSeconds", "only applies when minCapacity is 0");
    }
    const pause = args.autoPauseSeconds;
    if (
      pause !== undefined &&
      (!Number.isInteger(pause) || pause < AUTO_PAUSE_SECONDS.min || pause > AUTO_PAUSE_SECONDS.max)
    ) {
      p.add("autoPauseSeconds", `must be ${AUTO_PAUSE_SECONDS.min} to ${AUTO_PAUSE_SECONDS.max}; got ${pause}`);
    }
    const readers = args.readerInstances ?? AURORA_DEFAULTS.readerInstances;
    if (!Number.isInteger(readers) || readers < 0 || readers > MAX_READER_INSTANCES)
      p.add("readerInstances", `must be 0 to ${MAX_READER_INSTANCES}; got ${readers}`);
    const scaling = args.readerAutoScaling;
    if (scaling) {
      const { minReaders: low, maxReaders: high, targetCpuPercent: cpu } = scaling;
      if (!Number.isInteger(low) || low < readers)
        p.add(
          "readerAutoScaling.minReaders",
          `must be a whole number of at least readerInstances (${readers}): auto scaling never removes the fixed readers; got ${low}`,
        );
      if (readers < 1)
        p.add(
          "readerAutoScaling",
          "needs readerInstances of at least 1: the target-tracking metric is the readers' average CPU, which a cluster without a reader never reports",
        );
      if (!Number.isInteger(high) || high < low || high > MAX_READER_INSTANCES)
        p.add(
          "readerAutoScaling.maxReaders",
          `must be a whole number from minReaders (${low}) to ${MAX_READER_INSTANCES}; got ${high}`,
        );
      if (cpu !== undefined && (!Number.isFinite(cpu) || cpu < 10 || cpu > 90))
        p.add("readerAutoScaling.targetCpuPercent", `must be 10 to 90 percent; got ${cpu}`);
    }
    const db = args.databaseName ?? "app";
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(db))
      p.add(
        "databaseName",
        `${JSON.stringify(db)} must be lower-case letters, digits and _, starting with a letter (at most 63)`,
      );
    const user = args.masterUsername ?? "platform_admin";
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(user) || ["postgres", "rdsadmin", "admin"].includes(user)) {
      p.add(
        "masterUsername",
        `${JSON.stringify(user)} must be lower-case letters, digits and _, starting with a letter, and not a reserved name`,
      );
    }
    const retention = args.backupRetentionDays ?? AURORA_DEFAULTS.backupRetentionDays;
    const { min: minDays, max: maxDays } = BACKUP_RETENTION_DAYS;
    if (!Number.isInteger(retention) || retention < minDays || retention > maxDays)
      p.add("backupRetentionDays", `must be ${minDays} to ${maxDays}; got ${retention}`);
    if (
      args.preferredBackupWindow !== undefined &&
      !/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(args.preferredBackupWindow)
    ) {
      p.add(
        "preferredBackupWindow",
        `expected hh:mm-hh:mm in UTC, e.g. 03:00-04:00; got ${JSON.stringify(args.preferredBackupWindow)}`,
      );
    }
    if (
      args.preferredMaintenanceWindow !== undefined &&
      !/^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/.test(
        args.preferredMaintenanceWindow,
      )
    ) {
      p.add(
        "preferredMaintenanceWindow",
        `expected ddd:hh:mm-ddd:hh:mm in UTC, e.g. sun:04:30-sun:05:30; got ${JSON.stringify(args.preferredMaintenanceWindow)}`,
      );
    }
    if (known(args.securityGroupIds) && args.securityGroupIds.length === 0)
      p.add("securityGroupIds", "list at least one security group (the data tier's)");
    if (known(args.subnetIds) && args.subnetIds.length === 1)
      p.add("subnetIds", "a DB subnet group needs subnets in at least two AZs");
    const logs = logRetentionProblem(args.logRetentionDays);
    if (logs) p.add("logRetentionDays", logs);
    if (args.logicalReplication !== undefined && !["enabled", "disabled"].includes(args.logicalReplication))
      p.add("logicalReplication", `expected enabled or disabled; got ${JSON.stringify(args.logicalReplication)}`);
    if (args.logicalReplication === "enabled" && args.minCapacity === 0) {
      // https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-auto-pause.html
      p.add(
        "logicalReplication",
        "enabled keeps Aurora Serverless v2 from pausing, so minCapacity 0 would never scale to zero; disable it or raise minCapacity",
      );
    }
    if (args.protection !== undefined && !PROTECTIONS.includes(args.protection))
      p.add("protection", `expected retain or disposable; got ${JSON.stringify(args.protection)}`);
  });
}
