/**
 * The standby PostgreSQL flexible server: the logical-replication subscriber of Aurora's
 * publication (services/dr), same major version as Aurora. Private access only (delegated
 * subnet + private DNS zone), data encrypted with a Key Vault key chosen at creation, Entra ID
 * and password auth (the generated administrator password lives in Key Vault), TLS 1.2+ only.
 */
import * as authorization from "@pulumi/azure-native/authorization";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as pulumi from "@pulumi/pulumi";
import { sendDiagnostics } from "./diagnostics";

export interface StandbyPostgresArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Server name (globally unique DNS label); the private zone is named after it. Required. */
  readonly serverName: string;
  /** PostgreSQL major version, equal to Aurora's (e.g. "17"). Required. */
  readonly majorVersion: string;
  readonly skuName: string;
  readonly tier: "Burstable" | "GeneralPurpose" | "MemoryOptimized";
  /** Storage in GiB, 32 to 32768. */
  readonly storageSizeGb: number;
  /** `ZoneRedundant` (prod) places a hot standby in another zone. Default `Disabled`. */
  readonly highAvailability?: "ZoneRedundant" | "Disabled";
  /** Backup retention, 7 to 35 days. Default 35. */
  readonly backupRetentionDays?: number;
  /** Geo-redundant backups need a key and identity in the paired region. Default none (locally redundant). */
  readonly geoBackup?: { readonly keyUri: pulumi.Input<string>; readonly identityId: pulumi.Input<string> };
  readonly delegatedSubnetId: pulumi.Input<string>;
  /** The `<serverName>.private.postgres.database.azure.com` zone, linked to the VNet. */
  readonly privateZoneId: pulumi.Input<string>;
  /** User-assigned identity that unwraps the data key (Key Vault Crypto Service Encryption User). */
  readonly identityId: pulumi.Input<string>;
  /** Versionless Key Vault key URI: the server follows key rotation. */
  readonly keyUri: pulumi.Input<string>;
  readonly tenantId: pulumi.Input<string>;
  /** Default `fxadmin`. */
  readonly administratorLogin?: string;
  /** Generated password; never from config. */
  readonly administratorPassword: pulumi.Input<string>;
  /** The database the trade API and the subscription use (created here). Default `fx`, the name Aurora's has. */
  readonly databaseName?: string;
  /** Logical replication apply workers: 4 to 32. Default 8. */
  readonly logicalReplicationWorkers?: number;
  readonly workspaceId: pulumi.Input<string>;
  /**
   * The role assignments that let `identityId` (and the geo-backup identity) unwrap their keys:
   * the server waits for them (ARM reads the key at create time; "The server could not access
   * the key" otherwise). A component's dependsOn does not hold back its children, so they are
   * passed here; pass the propagation wait after them (`propagationWait`, roles.ts), since RBAC is
   * eventually consistent. Default none (keys granted outside the stack).
   */
  readonly keyGrants?: readonly pulumi.Resource[];
  /**
   * `CanNotDelete` (default): a management lock on the server, so neither a portal click nor a
   * resource-group delete removes it (Pulumi's protect guards only this stack's state). Creating
   * it needs Microsoft.Authorization/locks/write (Owner or User Access Administrator). `none`
   * for disposable (dev) stacks, which must be destroyable.
   */
  readonly deleteLock?: "CanNotDelete" | "none";
  readonly statefulOptions?: pulumi.CustomResourceOptions;
}

/**
 * Server parameters. `wal_level=logical` lets the standby publish back to Aurora on failback;
 * worker counts leave room for the apply workers, table-sync workers and autovacuum. pg_cron
 * (allow-listed in azure.extensions, preloaded) runs the dr-heartbeat job once Azure is the
 * primary (services/dr/migrations/cron). On 17+, `sync_replication_slots` and
 * `hot_standby_feedback` keep the failback publication's logical slot across a zone-redundant
 * HA failover (the subscription is created with failover = true). shared_preload_libraries and
 * the worker counts are static: `dr` refuses to go on while pg_settings.pending_restart is set.
 */
export function serverParameters(workers: number, majorVersion = "17"): ReadonlyArray<readonly [string, string]> {
  return [
    ["azure.extensions", "PG_CRON"],
    ["shared_preload_libraries", "pg_cron,pg_stat_statements"],
    ...(Number(majorVersion) >= 17
      ? ([
          ["sync_replication_slots", "on"],
          ["hot_standby_feedback", "on"],
        ] as const)
      : []),
    ["ssl_min_protocol_version", "TLSv1.2"],
    ["require_secure_transport", "on"],
    ["wal_level", "logical"],
    ["max_logical_replication_workers", String(workers)],
    ["max_sync_workers_per_subscription", "2"],
    ["max_worker_processes", String(workers * 2)],
    ["max_replication_slots", String(workers + 2)],
    ["max_wal_senders", String(workers + 2)],
  ];
}

export class StandbyPostgres extends pulumi.ComponentResource {
  readonly serverId: pulumi.Output<string>;
  readonly serverName: pulumi.Output<string>;
  readonly fqdn: pulumi.Output<string>;
  readonly databaseName: pulumi.Output<string>;

  constructor(name: string, args: StandbyPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:azure:StandbyPostgres", name, {}, opts);
    const child = { parent: this };
    const ha = args.highAvailability ?? "Disabled";
    const identities: Record<string, object> = {};
    const server = new dbforpostgresql.Server(
      `${name}-server`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        serverName: args.serverName,
        tags: { ...args.tags },
        version: args.majorVersion,
        sku: { name: args.skuName, tier: args.tier },
        storage: { storageSizeGB: args.storageSizeGb, autoGrow: "Enabled" },
        administratorLogin: args.administratorLogin ?? "fxadmin",
        administratorLoginPassword: pulumi.secret(args.administratorPassword),
        authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Enabled", tenantId: args.tenantId },
        identity: {
          type: "UserAssigned",
          userAssignedIdentities: pulumi
            .all([args.identityId, args.geoBackup?.identityId])
            .apply(([primary, geo]) =>
              Object.fromEntries([primary, geo].filter((id): id is string => !!id).map((id) => [id, identities])),
            ),
        },
        dataEncryption: {
          type: "AzureKeyVault",
          primaryKeyURI: args.keyUri,
          primaryUserAssignedIdentityId: args.identityId,
          ...(args.geoBackup
            ? { geoBackupKeyURI: args.geoBackup.keyUri, geoBackupUserAssignedIdentityId: args.geoBackup.identityId }
            : {}),
        },
        backup: {
          backupRetentionDays: args.backupRetentionDays ?? 35,
          geoRedundantBackup: args.geoBackup ? "Enabled" : "Disabled",
        },
        highAvailability:
          ha === "ZoneRedundant" ? { mode: "ZoneRedundant", standbyAvailabilityZone: "2" } : { mode: "Disabled" },
        ...(ha === "ZoneRedundant" ? { availabilityZone: "1" } : {}),
        network: {
          delegatedSubnetResourceId: args.delegatedSubnetId,
          privateDnsZoneArmResourceId: args.privateZoneId,
          publicNetworkAccess: "Disabled",
        },
      },
      { ...child, ...args.statefulOptions, dependsOn: [...(args.keyGrants ?? [])] },
    );

    // The service rejects concurrent parameter updates: apply them one after another.
    let previous: pulumi.Resource = server;
    for (const [parameter, value] of serverParameters(args.logicalReplicationWorkers ?? 8, args.majorVersion)) {
      previous = new dbforpostgresql.Configuration(
        `${name}-${parameter.replace(/_/g, "-")}`,
        {
          resourceGroupName: args.resourceGroupName,
          serverName: server.name,
          configurationName: parameter,
          value,
          source: "user-override",
        },
        { ...child, dependsOn: [previous] },
      );
    }
    // The database itself (Azure creates only `postgres`): the trade migrations, the DR
    // migrations and the subscription all target it. After the parameters: one operation at a time.
    const database = new dbforpostgresql.Database(
      `${name}-database`,
      {
        resourceGroupName: args.resourceGroupName,
        serverName: server.name,
        databaseName: args.databaseName ?? "fx",
        charset: "UTF8",
        collation: "en_US.utf8",
      },
      { ...child, dependsOn: [previous], ...args.statefulOptions },
    );
    if ((args.deleteLock ?? "CanNotDelete") === "CanNotDelete") {
      new authorization.ManagementLockByScope(
        `${name}-delete-lock`,
        {
          scope: server.id,
          level: "CanNotDelete",
          notes: "DR standby database: remove this lock only under the decommissioning change (docs/runbooks).",
        },
        child,
      );
    }
    sendDiagnostics(`${name}-server`, server.id, args.workspaceId, "logs-and-metrics", child);

    this.serverId = server.id;
    this.serverName = server.name;
    this.fqdn = server.fullyQualifiedDomainName;
    this.databaseName = database.name;
    this.registerOutputs({
      serverId: this.serverId,
      serverName: this.serverName,
      fqdn: this.fqdn,
      databaseName: this.databaseName,
    });
  }
}
