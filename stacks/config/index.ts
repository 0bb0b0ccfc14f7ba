/**
 * The one typed config module. `parseStackConfig` validates a stack's whole config and either
 * returns `PlatformConfig` or throws one `ConfigError` listing every problem, each naming its
 * full key (e.g. `platform:aurora.maxCapacity`) and what is allowed. Components never read
 * config: stacks/ passes them typed args built from this.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { cidrsOverlap } from "../../components/common/cidr";
import { awsRegion, azureLocation } from "./common";
import { account, allowedAccountIds, dns } from "./account";
import { environment, protection, regions, tags } from "./base";
import { alerts } from "./alerts";
import { backup } from "./backup";
import { budget } from "./budget";
import { logArchive } from "./log-archive";
import { LOG_ARCHIVE_MIN_YEARS } from "../../platform-rules/log-archive";
import { aurora, buckets, kms } from "./data";
import { compliance } from "./compliance";
import { dr } from "./dr";
import { network } from "./network";
import { policyWaivers, type PolicyWaiver } from "./policy";
import { services } from "./services";

export const NAMESPACE = "platform";

/** Keys outside the platform namespace that this program reads. */
const FOREIGN_KEYS = ["aws:region", "aws:allowedAccountIds", "azure-native:location"] as const;

const schema = z
  .strictObject({
    "aws:region": awsRegion.describe("Primary AWS region; must be in platform:regions.allowedAwsRegions."),
    "aws:allowedAccountIds": allowedAccountIds,
    "azure-native:location": azureLocation.optional().describe("Default Azure location for the azure-native provider."),
    "platform:account": account,
    "platform:dns": dns,
    "platform:environment": environment,
    "platform:tags": tags,
    "platform:regions": regions,
    "platform:protection": protection,
    "platform:network": network,
    "platform:kms": kms,
    "platform:aurora": aurora,
    "platform:buckets": buckets,
    "platform:services": services,
    "platform:compliance": compliance,
    "platform:dr": dr,
    "platform:budget": budget,
    "platform:alerts": alerts,
    "platform:backup": backup.default({ dailyRetentionDays: 35, monthlyRetentionDays: 365, vaultLock: "none" }),
    "platform:logArchive": logArchive,
    "platform:policyWaivers": policyWaivers,
  })
  .superRefine((c, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (!c["platform:regions"].allowedAwsRegions.includes(c["aws:region"])) {
      problem(
        ["aws:region"],
        `${c["aws:region"]} is not in platform:regions.allowedAwsRegions (${c["platform:regions"].allowedAwsRegions.join(", ")})`,
      );
    }
    const drCfg = c["platform:dr"];
    if (!c["platform:regions"].allowedAzureLocations.includes(drCfg.location)) {
      problem(
        ["platform:dr", "location"],
        `${drCfg.location} is not in platform:regions.allowedAzureLocations (${c["platform:regions"].allowedAzureLocations.join(", ")})`,
      );
    }
    if (
      drCfg.enabled &&
      drCfg.postgres.geoRedundantBackup === "Enabled" &&
      !c["platform:regions"].allowedAzureLocations.includes(drCfg.postgres.geoBackupLocation)
    ) {
      problem(
        ["platform:dr", "postgres", "geoBackupLocation"],
        `${drCfg.postgres.geoBackupLocation} is not in platform:regions.allowedAzureLocations; geo-redundant backups with a customer-managed key keep a key there, so allow it or set geoRedundantBackup: Disabled`,
      );
    }
    if (drCfg.enabled && drCfg.gateRegion === c["aws:region"]) {
      problem(
        ["platform:dr", "gateRegion"],
        `must differ from aws:region (${c["aws:region"]}): the failover gate has to work while the primary region is down`,
      );
    }
    if (drCfg.enabled && c["platform:aurora"].logicalReplication !== "enabled") {
      problem(
        ["platform:aurora", "logicalReplication"],
        "must be enabled when platform:dr.enabled: the Azure standby subscribes to Aurora's logical replication",
      );
    }
    if (cidrsOverlap(c["platform:network"].cidr, drCfg.vnetCidr)) {
      problem(
        ["platform:dr", "vnetCidr"],
        `overlaps platform:network.cidr (${c["platform:network"].cidr}); the VPN needs disjoint address spaces`,
      );
    }
    if (drCfg.replicationLagAlarmSeconds >= drCfg.rpoMinutes * 60) {
      problem(
        ["platform:dr", "replicationLagAlarmSeconds"],
        `must be below the RPO (${drCfg.rpoMinutes * 60} s) so the alarm fires before data loss exceeds it`,
      );
    }
    const network = c["platform:network"];
    if (network.natStrategy === "one-per-az" && network.availabilityZones < 2) {
      problem(
        ["platform:network", "natStrategy"],
        "one-per-az needs availabilityZones of 2 or more; use single for one zone",
      );
    }
    if (c["platform:environment"] === "prod") {
      // Production floors: PCI DSS availability and data-retention expectations.
      if (c["platform:protection"] !== "retain") problem(["platform:protection"], "must be retain in prod");
      if (network.availabilityZones < 3) problem(["platform:network", "availabilityZones"], "must be 3 in prod");
      if (network.natStrategy !== "one-per-az")
        problem(["platform:network", "natStrategy"], "must be one-per-az in prod");
      if (c["platform:aurora"].backupRetentionDays < 7)
        problem(["platform:aurora", "backupRetentionDays"], "must be at least 7 in prod");
      if (c["platform:aurora"].readerInstances < 1)
        problem(["platform:aurora", "readerInstances"], "must be at least 1 in prod (a reader in another AZ)");
      if (c["platform:aurora"].minCapacity === 0)
        problem(["platform:aurora", "minCapacity"], "must be at least 0.5 in prod (no auto-pause)");
      if (c["platform:aurora"].proxy !== "enabled")
        problem(
          ["platform:aurora", "proxy"],
          "must be enabled in prod (hundreds of Lambda instances would open a connection each)",
        );
      if (c["platform:buckets"].ledgerDigestLockMode !== "COMPLIANCE") {
        problem(
          ["platform:buckets", "ledgerDigestLockMode"],
          "must be COMPLIANCE in prod (GOVERNANCE lets privileged users delete digests)",
        );
      }
      if (c["platform:kms"].deletionWindowDays < 30)
        problem(["platform:kms", "deletionWindowDays"], "must be 30 in prod");
      if (c["platform:services"].wafManagedRuleGroups.length < 4)
        problem(
          ["platform:services", "wafManagedRuleGroups"],
          "must list every managed rule group in prod (PCI DSS 6.4.2)",
        );
      if (c["platform:compliance"].recordingFrequency !== "CONTINUOUS")
        problem(
          ["platform:compliance", "recordingFrequency"],
          "must be CONTINUOUS in prod (PCI DSS 11.5.2 change detection)",
        );
    }
    const archive = c["platform:logArchive"];
    if (c["platform:environment"] === "prod") {
      if (archive.retentionYears < LOG_ARCHIVE_MIN_YEARS.prod)
        problem(
          ["platform:logArchive", "retentionYears"],
          `must be at least ${LOG_ARCHIVE_MIN_YEARS.prod} in prod (the bank's audit-log retention)`,
        );
      if (archive.lockMode !== "COMPLIANCE")
        problem(
          ["platform:logArchive", "lockMode"],
          "must be COMPLIANCE in prod (GOVERNANCE lets privileged users delete audit logs)",
        );
    }
    if (archive.lockMode === "COMPLIANCE" && c["platform:protection"] === "disposable") {
      problem(
        ["platform:logArchive", "lockMode"],
        "COMPLIANCE cannot go with platform:protection disposable: the archive could not be emptied; use GOVERNANCE",
      );
    }
    const backupCfg = c["platform:backup"];
    if (backupCfg.monthlyRetentionDays < backupCfg.dailyRetentionDays) {
      problem(
        ["platform:backup", "monthlyRetentionDays"],
        `must be at least platform:backup.dailyRetentionDays (${backupCfg.dailyRetentionDays})`,
      );
    }
    if (
      backupCfg.copyRegion !== undefined &&
      !(c["platform:regions"].allowedAwsRegions as readonly string[]).includes(backupCfg.copyRegion)
    ) {
      problem(
        ["platform:backup", "copyRegion"],
        `${backupCfg.copyRegion} is not in platform:regions.allowedAwsRegions; allow it or drop the copy`,
      );
    }
    if (backupCfg.copyRegion === c["aws:region"])
      problem(
        ["platform:backup", "copyRegion"],
        "must be another region than aws:region: a copy in the same region survives no regional outage",
      );
    if (c["platform:environment"] === "prod" && backupCfg.vaultLock !== "compliance") {
      problem(
        ["platform:backup", "vaultLock"],
        "must be compliance in prod (recovery points no one can delete, PCI DSS 12.10.1 / 10.5.1)",
      );
    }
    if (backupCfg.vaultLock === "compliance" && c["platform:protection"] === "disposable") {
      problem(
        ["platform:backup", "vaultLock"],
        "compliance cannot go with platform:protection disposable: the vault could never be destroyed",
      );
    }
  });

/** The whole config schema; tools/docs/config-table.ts renders the README table from it. */
export const CONFIG_SCHEMA = schema;

type Parsed = z.output<typeof schema>;

export type Environment = Parsed["platform:environment"];
export type Protection = Parsed["platform:protection"];
export type NetworkConfig = Parsed["platform:network"];
export type KmsConfig = Parsed["platform:kms"];
export type AuroraConfig = Parsed["platform:aurora"];
export type BucketsConfig = Parsed["platform:buckets"];
export type ServicesConfig = Parsed["platform:services"];
export type ComplianceConfig = Parsed["platform:compliance"];
export type DrConfig = Parsed["platform:dr"];
export type BudgetConfig = Parsed["platform:budget"];
export type AccountConfig = Parsed["platform:account"];
export type DnsConfig = Parsed["platform:dns"];
export type AlertsConfig = Parsed["platform:alerts"];
export type BackupConfig = Parsed["platform:backup"];
export type LogArchiveConfig = Parsed["platform:logArchive"];
export type { PolicyWaiver } from "./policy";

/** The validated, typed config of one stack. */
export interface PlatformConfig {
  readonly project: string;
  readonly stack: string;
  readonly environment: Environment;
  readonly awsRegion: string;
  /** `aws:allowedAccountIds`: the AWS provider refuses credentials of any other account. */
  readonly allowedAccountIds: readonly string[];
  /** Who owns the account-level singletons. */
  readonly account: AccountConfig;
  /** The existing hosted zone of the API's name. */
  readonly dns: DnsConfig;
  /** Tags every taggable resource carries (the AWS provider's defaultTags; Azure tags). */
  readonly tags: Readonly<Record<string, string>>;
  readonly allowedAwsRegions: readonly string[];
  readonly allowedAzureLocations: readonly string[];
  readonly protection: Protection;
  readonly network: NetworkConfig;
  readonly kms: KmsConfig;
  readonly aurora: AuroraConfig;
  readonly buckets: BucketsConfig;
  readonly services: ServicesConfig;
  readonly compliance: ComplianceConfig;
  readonly dr: DrConfig;
  /** The monthly cost budget; absent when the stack sets none. */
  readonly budget: BudgetConfig;
  /** Alert routes per severity. */
  readonly alerts: AlertsConfig;
  /** AWS Backup retention, vault lock and cross-region copy. */
  readonly backup: BackupConfig;
  /** The CloudWatch Logs archive: retention, lock mode, Firehose buffering. */
  readonly logArchive: LogArchiveConfig;
  /** Per-resource policy exemptions (stacks/config/policy.ts); read by tools/, never by components. */
  readonly policyWaivers: readonly PolicyWaiver[];
}

/** Bad stack config. A RunError, so `pulumi up` prints the message without a stack trace. */
export class ConfigError extends pulumi.RunError {
  constructor(
    readonly stack: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Stack "${stack}" has ${problems.length} config problem${problems.length === 1 ? "" : "s"} (Pulumi.${stack}.yaml):\n` +
        problems.map((p) => `  - ${p}`).join("\n") +
        `\nSet a value with \`pulumi config set --path '<key>' <value> --stack ${stack}\` or edit Pulumi.${stack}.yaml.`,
    );
    this.name = "ConfigError";
  }
}

/** `["platform:aurora", "maxCapacity"]` → `platform:aurora.maxCapacity`; indexes as `[i]`. */
export function configKey(path: readonly PropertyKey[]): string {
  return path.reduce<string>((key, part, i) => {
    if (typeof part === "number") return `${key}[${part}]`;
    return i === 0 ? String(part) : `${key}.${String(part)}`;
  }, "");
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map(
      (k) => `${configKey([...issue.path, k])}: unknown key; check the spelling against README "Stack configuration"`,
    );
  }
  const key = configKey(issue.path);
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return [`${key}: required (expected ${issue.expected})`];
  }
  if (issue.code === "invalid_value" && issue.input === undefined) {
    return [`${key}: required; ${issue.message.replace(/^unknown \w+ undefined; /, "")}`];
  }
  if (issue.code === "invalid_type") {
    return [`${key}: wrong type; expected ${issue.expected}, got ${describeValue(issue.input)}`];
  }
  return [`${key}: ${issue.message}`];
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Validates a stack's raw config: full keys (`platform:aurora`) to values as YAML or JSON
 * parsed them. Keys in other namespaces than `platform` and the ones this program reads are
 * left to their providers.
 */
export function parseStackConfig(
  project: string,
  stack: string,
  raw: Readonly<Record<string, unknown>>,
): PlatformConfig {
  const relevant = Object.fromEntries(
    Object.entries(raw).filter(
      ([k]) => k.startsWith(`${NAMESPACE}:`) || (FOREIGN_KEYS as readonly string[]).includes(k),
    ),
  );
  const result = schema.safeParse(relevant, { reportInput: true });
  if (!result.success) {
    // zod runs the cross-section rules only once every section parses; fixing the listed
    // problems may surface those on the next run.
    throw new ConfigError(stack, result.error.issues.flatMap(describeIssue));
  }
  const c = result.data;
  return {
    project,
    stack,
    environment: c["platform:environment"],
    awsRegion: c["aws:region"],
    allowedAccountIds: c["aws:allowedAccountIds"],
    account: c["platform:account"],
    dns: c["platform:dns"],
    tags: {
      Environment: c["platform:environment"],
      CostCenter: c["platform:tags"].CostCenter,
      Owner: c["platform:tags"].Owner,
      Compliance: "PCI-DSS",
      DataClassification: c["platform:tags"].DataClassification,
      ...c["platform:tags"].extra,
    },
    allowedAwsRegions: c["platform:regions"].allowedAwsRegions,
    allowedAzureLocations: c["platform:regions"].allowedAzureLocations,
    protection: c["platform:protection"],
    network: c["platform:network"],
    kms: c["platform:kms"],
    aurora: c["platform:aurora"],
    buckets: c["platform:buckets"],
    services: c["platform:services"],
    compliance: c["platform:compliance"],
    dr: c["platform:dr"],
    budget: c["platform:budget"],
    alerts: c["platform:alerts"],
    backup: c["platform:backup"],
    logArchive: c["platform:logArchive"],
    policyWaivers: c["platform:policyWaivers"],
  };
}

/**
 * Pulumi hands a program its config as strings, structured values JSON-encoded. Turn them
 * back into values so the schema sees numbers, booleans and objects.
 */
export function decodePulumiConfig(values: Readonly<Record<string, string>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => {
      if (/^[[{]/.test(value) || /^(true|false|-?\d+(\.\d+)?)$/.test(value)) {
        try {
          return [key, JSON.parse(value)];
        } catch {
          return [key, value];
        }
      }
      return [key, value];
    }),
  );
}

/** Reads and validates the running stack's config. The only place config is read. */
export function readPlatformConfig(): PlatformConfig {
  return parseStackConfig(pulumi.getProject(), pulumi.getStack(), decodePulumiConfig(pulumi.runtime.allConfig()));
}
