/**
 * The Azure warm standby (issue #7): resource group, VNet, Key Vault with customer-managed keys,
 * the PostgreSQL subscriber, blob storage mirroring the S3 buckets and the Function App running
 * the trade API, every resource tagged, located explicitly and sending diagnostics to one
 * workspace. See docs/components/dr.md.
 */
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { PROTECTIONS, assertValid, collectProblems, statefulOptions, type Protection } from "../common";
import { standbySubnets } from "./addressing";
import { StandbyFunctionApp } from "./function-app";
import { StandbyVault, type KeyProtection } from "./key-vault";
import { StandbyMonitoring } from "./monitoring";
import { StandbyNetwork } from "./network";
import { OperatorAccess, operatorAccessArgsProblems } from "./operator-access";
import { StandbyPostgres } from "./postgres";
import {
  DEFAULT_RBAC_PROPAGATION_SECONDS,
  grant,
  propagationSecondsProblem,
  propagationWait,
  type RoleAssignment,
} from "./roles";
import { StandbyStorage, type TierProfile } from "./storage";
import { TRADE_API_DB_USER } from "../../platform-rules/database";
import { API_KEYS_PLACEHOLDER, API_KEYS_SECRET } from "../../platform-rules/dr-standby";
import { logAnalyticsRetentionProblem } from "../../platform-rules/log-retention";

export interface AzureStandbyArgs {
  /** 3 to 14 of a-z and 0-9, starting with a letter; makes the globally unique names (vault, storage, server). Required. */
  readonly namePrefix: string;
  /** ARM location, e.g. eastus2. Required. */
  readonly location: string;
  /** Required tags (Environment, CostCenter, Owner, Compliance, DataClassification); put on every resource. */
  readonly tags: Readonly<Record<string, string>>;
  /** VNet address space, /16 to /21 (room for the operator-access and DNS resolver subnets), disjoint from awsVpcCidr. Required. */
  readonly vnetCidr: string;
  /** The AWS VPC CIDR (reached over the VPN). Required. */
  readonly awsVpcCidr: string;
  /** The AWS subnets allowed to reach PostgreSQL (DR monitor, Aurora for failback). Required. */
  readonly awsPostgresClientCidrs: pulumi.Input<pulumi.Input<string>[]>;
  /** Default `hsm` (premium vault, RSA-HSM keys); `software` is the explicit cheaper opt-out. */
  readonly keyProtection?: KeyProtection;
  readonly postgres: {
    /** Equal to Aurora's major version, e.g. "17". */
    readonly majorVersion: string;
    readonly skuName: string;
    readonly tier: "Burstable" | "GeneralPurpose" | "MemoryOptimized";
    readonly storageSizeGb: number;
    /** Default `Disabled`; `ZoneRedundant` needs GeneralPurpose or MemoryOptimized. */
    readonly highAvailability?: "ZoneRedundant" | "Disabled";
    /** 7 to 35. Default 35. */
    readonly backupRetentionDays?: number;
    /** Paired location for geo-redundant backups (a second vault, key and identity live there). Default none. */
    readonly geoBackupLocation?: string;
    /** Database the Function App uses. Default `fx`. */
    readonly databaseName?: string;
  };
  /** Default `Standard_RAGZRS`. */
  readonly storageSku?: "Standard_GZRS" | "Standard_RAGZRS";
  /** Containers mirroring the S3 data buckets, with their tiering. Required (at least one). */
  readonly containers: Readonly<Record<string, TierProfile | undefined>>;
  readonly functions?: { readonly alwaysReadyInstances?: number; readonly maximumInstanceCount?: number };
  /** Currency pairs the standby API trades (`ALLOWED_PAIRS`), BASE/QUOTE; the same as the AWS API's. Required (at least one). */
  readonly allowedPairs: readonly string[];
  /** Log Analytics retention, 365 to 730 days. Default 400. */
  readonly logRetentionDays?: number;
  /** Default `retain`: stateful resources protected and retained on delete. `disposable` for dev. */
  readonly protection?: Protection;
  /**
   * Operator access (Azure Bastion + an Entra-sign-in jump host + vault roles) for the on-call
   * Entra group with this object id. Required: the runbooks run from that jump host.
   */
  readonly operators: { readonly groupObjectId: string; readonly jumpHostSize?: string };
  /**
   * The day (YYYY-MM-DD, UTC midnight) every standby Key Vault secret expires: rotate them before
   * it (docs/components/dr.md, "Secret expiry and rotation"). Default none (secrets never expire).
   */
  readonly secretsExpireOn?: string;
  /** Action group alerted 30 days before a vault secret or key expires, and when it has. Default none. */
  readonly expiryActionGroupId?: pulumi.Input<string>;
  /**
   * Seconds to wait after each role assignment before creating what uses it (PostgreSQL and
   * storage unwrapping their customer-managed keys, the Function App's storage, vault and
   * telemetry roles): Azure RBAC propagates eventually. 1 to 1800. Default 120
   * (`DEFAULT_RBAC_PROPAGATION_SECONDS`).
   */
  readonly rbacPropagationSeconds?: number;
}

/** Epoch seconds of `day` (YYYY-MM-DD) at 00:00 UTC; undefined when it is not a calendar day. Pure. */
export function expiryEpochSeconds(day: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? undefined : ms / 1000;
}

const NAME_PREFIX = /^[a-z][a-z0-9]{2,13}$/;
const CONTAINER = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;
/**
 * The API's database login on the standby: the same `trade_api` as on Aurora (created there by
 * the trade-api migrations, member of trade_api_writer only), with the `app-db-password` secret
 * as its password, set by `dr set-app-password` (services/dr).
 */
export const STANDBY_DB_USER = TRADE_API_DB_USER;
export { API_KEYS_SECRET };
/** The Flex Consumption deployment container, added to the mirrored ones. */
export const DEPLOYMENT_CONTAINER = "app-package";

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function azureStandbyArgsProblems(args: AzureStandbyArgs): readonly string[] {
  return collectProblems((p) => {
    if (!NAME_PREFIX.test(args.namePrefix))
      p.add("namePrefix", `${JSON.stringify(args.namePrefix)} must be 3 to 14 of a-z and 0-9, starting with a letter`);
    if (!standbySubnets(args.vnetCidr))
      p.add(
        "vnetCidr",
        `${JSON.stringify(args.vnetCidr)} must be a network address from /16 to /21, e.g. 10.1.0.0/16 (the standby needs eight subnets)`,
      );
    for (const tag of ["Environment", "CostCenter", "Owner", "Compliance", "DataClassification"]) {
      if (!args.tags[tag]) p.add(`tags.${tag}`, "is required (azure-native has no provider default tags)");
    }
    if (!/^\d{2}$/.test(args.postgres.majorVersion))
      p.add(
        "postgres.majorVersion",
        `expected a major version like "17"; got ${JSON.stringify(args.postgres.majorVersion)}`,
      );
    if (args.postgres.highAvailability === "ZoneRedundant" && args.postgres.tier === "Burstable")
      p.add("postgres.highAvailability", "ZoneRedundant needs tier GeneralPurpose or MemoryOptimized");
    const retention = args.postgres.backupRetentionDays;
    if (retention !== undefined && (!Number.isInteger(retention) || retention < 7 || retention > 35))
      p.add("postgres.backupRetentionDays", `must be a whole number from 7 to 35; got ${retention}`);
    if (args.postgres.geoBackupLocation === args.location)
      p.add("postgres.geoBackupLocation", `must be the geo pair of ${args.location}, not the same location`);
    const wait = args.rbacPropagationSeconds;
    const waitProblem = wait !== undefined ? propagationSecondsProblem(wait) : undefined;
    if (waitProblem) p.add("rbacPropagationSeconds", waitProblem);
    const names = Object.keys(args.containers);
    if (names.length === 0) p.add("containers", "list at least one container");
    for (const c of names) {
      if (!CONTAINER.test(c)) p.add(`containers.${c}`, "container names are 3 to 63 of a-z, 0-9 and single hyphens");
      if (c === DEPLOYMENT_CONTAINER) p.add(`containers.${c}`, "is reserved for the Function App package");
      const t = args.containers[c];
      if (
        t &&
        !(
          t.coolAfterDays >= 0 &&
          t.coldAfterDays > t.coolAfterDays &&
          (t.deleteAfterDays === undefined || t.deleteAfterDays > t.coldAfterDays)
        )
      ) {
        p.add(`containers.${c}`, "tiering must satisfy coolAfterDays < coldAfterDays < deleteAfterDays");
      }
    }
    const f = args.functions ?? {};
    if (
      f.alwaysReadyInstances !== undefined &&
      !(Number.isInteger(f.alwaysReadyInstances) && f.alwaysReadyInstances >= 0 && f.alwaysReadyInstances <= 20)
    )
      p.add("functions.alwaysReadyInstances", "must be a whole number from 0 to 20");
    if (
      f.maximumInstanceCount !== undefined &&
      !(Number.isInteger(f.maximumInstanceCount) && f.maximumInstanceCount >= 40 && f.maximumInstanceCount <= 1000)
    )
      p.add("functions.maximumInstanceCount", "must be a whole number from 40 to 1000");
    if (args.allowedPairs.length === 0) p.add("allowedPairs", "list at least one pair, e.g. EUR/USD");
    const badPairs = args.allowedPairs.filter((pair) => !/^[A-Z]{3}\/[A-Z]{3}$/.test(pair));
    if (badPairs.length > 0)
      p.add(
        "allowedPairs",
        `expected BASE/QUOTE ISO-4217 pairs like EUR/USD; got ${badPairs.map((b) => JSON.stringify(b)).join(", ")}`,
      );
    const logs = logAnalyticsRetentionProblem(args.logRetentionDays);
    if (logs) p.add("logRetentionDays", logs);
    if (args.protection !== undefined && !PROTECTIONS.includes(args.protection))
      p.add("protection", `expected retain or disposable; got ${JSON.stringify(args.protection)}`);
    if (args.secretsExpireOn !== undefined && expiryEpochSeconds(args.secretsExpireOn) === undefined)
      p.add("secretsExpireOn", `expected a calendar day YYYY-MM-DD; got ${JSON.stringify(args.secretsExpireOn)}`);
    for (const problem of operatorAccessArgsProblems({
      operatorsGroupId: args.operators.groupObjectId,
      vmSize: args.operators.jumpHostSize,
    })) {
      p.add(
        `operators.${problem.startsWith("operatorsGroupId") ? "groupObjectId" : "jumpHostSize"}`,
        problem.slice(problem.indexOf(":") + 2),
      );
    }
  });
}

export class AzureStandby extends pulumi.ComponentResource {
  readonly resourceGroupName: pulumi.Output<string>;
  readonly vnetId: pulumi.Output<string>;
  readonly gatewaySubnetId: pulumi.Output<string>;
  readonly workspaceId: pulumi.Output<string>;
  readonly apiHostName: pulumi.Output<string>;
  readonly functionAppId: pulumi.Output<string>;
  readonly customDomainVerificationId: pulumi.Output<string>;
  readonly postgresFqdn: pulumi.Output<string>;
  readonly postgresServerId: pulumi.Output<string>;
  readonly adminPasswordSecretUri: pulumi.Output<string>;
  /** The `trade_api` login's password (Key Vault secret `app-db-password`), versionless URI. */
  readonly appDbPasswordSecretUri: pulumi.Output<string>;
  /** The replication login `dr_repl`'s password (Key Vault secret `dr-replication-password`), versionless URI. */
  readonly replicationPasswordSecretUri: pulumi.Output<string>;
  readonly vaultUri: pulumi.Output<string>;
  readonly vaultName: pulumi.Output<string>;
  /** The standby vault's resource id (the failover name's TLS certificate is imported there). */
  readonly vaultId: pulumi.Output<string>;
  readonly functionAppName: pulumi.Output<string>;
  readonly storageAccountName: pulumi.Output<string>;
  readonly egressIp: pulumi.Output<string>;
  /** Azure Bastion and the jump host the runbooks run from (`az network bastion ssh --auth-type AAD`). */
  readonly bastionName: pulumi.Output<string>;
  readonly jumpHostId: pulumi.Output<string>;
  /** The jump host's managed identity: its principal id is trusted by the gate region's publisher role. */
  readonly jumpIdentityPrincipalId: pulumi.Output<string>;
  readonly jumpIdentityClientId: pulumi.Output<string>;
  readonly tenantId: pulumi.Output<string>;
  readonly subscriptionId: pulumi.Output<string>;
  readonly appInsightsId: pulumi.Output<string>;
  /** The DNS Private Resolver's delegated subnets (ids and CIDRs). */
  readonly dnsSubnets: {
    readonly inbound: { readonly id: pulumi.Output<string>; readonly cidr: string };
    readonly outbound: { readonly id: pulumi.Output<string>; readonly cidr: string };
  };

  constructor(name: string, args: AzureStandbyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:azure:AzureStandby", name, {}, opts);
    assertValid("platform:azure:AzureStandby", name, azureStandbyArgsProblems(args));
    const child = { parent: this };
    const stateful = statefulOptions(args.protection ?? "retain");
    const { location, tags } = args;
    const client = authorization.getClientConfigOutput({ parent: this });

    const group = new resources.ResourceGroup(`${name}-rg`, { location, tags: { ...tags } }, { ...child, ...stateful });
    const rg = group.name;
    const monitoring = new StandbyMonitoring(
      `${name}-monitoring`,
      { resourceGroupName: rg, location, tags, retentionDays: args.logRetentionDays, statefulOptions: stateful },
      child,
    );
    const workspaceId = monitoring.workspaceId;
    const serverName = `${args.namePrefix}-dr-pg`;
    const net = new StandbyNetwork(
      `${name}-network`,
      {
        resourceGroupName: rg,
        location,
        tags,
        vnetCidr: args.vnetCidr,
        awsVpcCidr: args.awsVpcCidr,
        awsPostgresClientCidrs: args.awsPostgresClientCidrs,
        postgresServerName: serverName,
        workspaceId,
      },
      child,
    );

    const identity = (role: string, at = location) =>
      new managedidentity.UserAssignedIdentity(
        `${name}-${role}-identity`,
        { resourceGroupName: rg, location: at, tags: { ...tags } },
        child,
      );
    const pgIdentity = identity("postgres");
    const storageIdentity = identity("storage");
    const appIdentity = identity("app");
    const jumpIdentity = identity("jump");

    const endpoint = { subnetId: net.subnetIds.endpoints, privateZoneId: net.privateZoneIds.vault, location };
    const vault = new StandbyVault(
      `${name}-keys`,
      {
        resourceGroupName: rg,
        location,
        tags,
        vaultName: `${args.namePrefix}-dr-kv`,
        tenantId: client.tenantId,
        keyProtection: args.keyProtection,
        keys: ["postgres-data", "storage-data"],
        privateEndpoint: endpoint,
        workspaceId,
        secretsExpireAt: args.secretsExpireOn !== undefined ? expiryEpochSeconds(args.secretsExpireOn) : undefined,
        expiryAlerts: args.expiryActionGroupId !== undefined ? { actionGroupId: args.expiryActionGroupId } : undefined,
        statefulOptions: stateful,
      },
      child,
    );
    const keyScope = (key: string) => pulumi.interpolate`${vault.vaultId}/keys/${vault.keyNames[key]}`;
    const unwrap = (grantName: string, key: pulumi.Input<string>, principalId: pulumi.Input<string>) =>
      grant(
        `${name}-${grantName}`,
        { subscriptionId: client.subscriptionId, role: "keyVaultCryptoServiceEncryptionUser", scope: key, principalId },
        child,
      );
    const waitSeconds = args.rbacPropagationSeconds ?? DEFAULT_RBAC_PROPAGATION_SECONDS;
    const pgUnwrap = unwrap("postgres-key-user", keyScope("postgres-data"), pgIdentity.principalId);
    const storageUnwrap = unwrap("storage-key-user", keyScope("storage-data"), storageIdentity.principalId);

    let geoBackup: { keyUri: pulumi.Output<string>; identityId: pulumi.Output<string> } | undefined;
    const geoGrants: Record<string, RoleAssignment> = {};
    if (args.postgres.geoBackupLocation) {
      const geoLocation = args.postgres.geoBackupLocation;
      const geoIdentity = identity("postgres-geo", geoLocation);
      const geoVault = new StandbyVault(
        `${name}-geo-keys`,
        {
          resourceGroupName: rg,
          location: geoLocation,
          tags,
          vaultName: `${args.namePrefix}-dr-geo`,
          tenantId: client.tenantId,
          keyProtection: args.keyProtection,
          keys: ["postgres-geo-backup"],
          privateEndpoint: endpoint,
          workspaceId,
          // No expiry events here: an Event Grid topic would sit in the pair region, which the
          // region lock keeps to the vault and identity; the key rotates by its policy.
          statefulOptions: stateful,
        },
        child,
      );
      geoGrants.geoKeyUser = unwrap(
        "postgres-geo-key-user",
        pulumi.interpolate`${geoVault.vaultId}/keys/${geoVault.keyNames["postgres-geo-backup"]}`,
        geoIdentity.principalId,
      );
      geoBackup = { keyUri: geoVault.keyUris["postgres-geo-backup"], identityId: geoIdentity.id };
    }

    const password = (role: string) =>
      new random.RandomPassword(
        `${name}-${role}-password`,
        { length: 40, special: true, overrideSpecial: "-_.~", minLower: 2, minUpper: 2, minNumeric: 2 },
        child,
      );
    const adminPassword = password("pg-admin");
    const adminSecretUri = vault.secret(`${name}-pg-admin`, "postgres-admin-password", adminPassword.result, {
      resourceGroupName: rg,
      tags,
    });
    const appDbSecretUri = vault.secret(`${name}-app-db`, "app-db-password", password("app-db").result, {
      resourceGroupName: rg,
      tags,
    });
    // The replication login dr_repl (services/dr/migrations/fx/002), never Aurora's master: `dr`
    // sets it on both servers and in the subscription from here, outside us-east-1 (issue 12 item 10).
    const replicationSecretUri = vault.secret(
      `${name}-replication`,
      "dr-replication-password",
      password("replication").result,
      { resourceGroupName: rg, tags },
    );
    // A placeholder the API refuses until operators copy the AWS api-keys table's hashes in
    // (docs/runbooks/failover.md): ARM needs a non-empty value.
    const apiKeysSecretUri = vault.secret(`${name}-api-keys`, API_KEYS_SECRET, API_KEYS_PLACEHOLDER, {
      resourceGroupName: rg,
      tags,
      valueOwner: "operators",
    });

    const access = new OperatorAccess(
      `${name}-access`,
      {
        resourceGroupName: rg,
        location,
        tags,
        subscriptionId: client.subscriptionId,
        bastionSubnetId: net.subnetIds.bastion,
        managementSubnetId: net.subnetIds.management,
        vaultId: vault.vaultId,
        operatorsGroupId: args.operators.groupObjectId,
        identityId: jumpIdentity.id,
        workspaceId,
        adminPassword: (() => {
          const pw = password("jump-breakglass");
          vault.secret(`${name}-jump-breakglass`, "jump-host-breakglass-password", pw.result, {
            resourceGroupName: rg,
            tags,
          });
          return pw.result;
        })(),
        vmSize: args.operators.jumpHostSize,
      },
      child,
    );

    const postgres = new StandbyPostgres(
      `${name}-postgres`,
      {
        resourceGroupName: rg,
        location,
        tags,
        serverName,
        majorVersion: args.postgres.majorVersion,
        skuName: args.postgres.skuName,
        tier: args.postgres.tier,
        storageSizeGb: args.postgres.storageSizeGb,
        highAvailability: args.postgres.highAvailability,
        backupRetentionDays: args.postgres.backupRetentionDays,
        geoBackup,
        databaseName: args.postgres.databaseName ?? "fx",
        delegatedSubnetId: net.subnetIds.postgres,
        privateZoneId: net.privateZoneIds.postgres,
        identityId: pgIdentity.id,
        keyUri: vault.keyUris["postgres-data"],
        tenantId: client.tenantId,
        administratorPassword: adminPassword.result,
        workspaceId,
        // After the key roles have propagated, not only been created (RBAC is eventually consistent).
        keyGrants: [
          pgUnwrap,
          ...Object.values(geoGrants),
          propagationWait(`${name}-postgres-key-wait`, { keyUser: pgUnwrap, ...geoGrants }, waitSeconds, child),
        ],
        deleteLock: (args.protection ?? "retain") === "retain" ? "CanNotDelete" : "none",
        statefulOptions: stateful,
      },
      child,
    );

    const storage = new StandbyStorage(
      `${name}-storage`,
      {
        resourceGroupName: rg,
        location,
        tags,
        accountName: `${args.namePrefix}drstore`,
        skuName: args.storageSku,
        identityId: storageIdentity.id,
        keyVaultUri: vault.vaultUri,
        keyName: vault.keyNames["storage-data"],
        containers: { ...args.containers, [DEPLOYMENT_CONTAINER]: undefined },
        privateEndpoints: {
          subnetId: net.subnetIds.endpoints,
          blobZoneId: net.privateZoneIds.blob,
          queueZoneId: net.privateZoneIds.queue,
        },
        workspaceId,
        keyGrants: [
          storageUnwrap,
          propagationWait(`${name}-storage-key-wait`, { keyUser: storageUnwrap }, waitSeconds, child),
        ],
        statefulOptions: stateful,
      },
      child,
    );

    const app = new StandbyFunctionApp(
      `${name}-api`,
      {
        resourceGroupName: rg,
        location,
        tags,
        subscriptionId: client.subscriptionId,
        identity: { id: appIdentity.id, clientId: appIdentity.clientId, principalId: appIdentity.principalId },
        subnetId: net.subnetIds.apps,
        storage: {
          accountId: storage.accountId,
          accountName: storage.accountName,
          blobEndpoint: storage.blobEndpoint,
          deploymentContainer: storage.containerNames[DEPLOYMENT_CONTAINER],
        },
        vaultId: vault.vaultId,
        appInsights: { id: monitoring.appInsightsId, connectionString: monitoring.appInsightsConnectionString },
        appSettings: {
          PLATFORM_SITE: "azure-standby",
          DATABASE_HOST: postgres.fqdn,
          DATABASE_PORT: "5432",
          DATABASE_NAME: args.postgres.databaseName ?? "fx",
          DATABASE_USER: STANDBY_DB_USER,
          DATABASE_SSLMODE: "verify-full",
          DATABASE_PASSWORD: pulumi.interpolate`@Microsoft.KeyVault(SecretUri=${appDbSecretUri})`,
          API_KEY_HASHES: pulumi.interpolate`@Microsoft.KeyVault(SecretUri=${apiKeysSecretUri})`,
          ALLOWED_PAIRS: args.allowedPairs.join(","),
        },
        alwaysReadyInstances: args.functions?.alwaysReadyInstances,
        maximumInstanceCount: args.functions?.maximumInstanceCount,
        workspaceId,
        rbacPropagationSeconds: waitSeconds,
      },
      child,
    );

    this.resourceGroupName = rg;
    this.vnetId = net.vnetId;
    this.gatewaySubnetId = net.subnetIds.gateway;
    this.workspaceId = workspaceId;
    this.apiHostName = app.defaultHostName;
    this.functionAppId = app.appId;
    this.customDomainVerificationId = app.customDomainVerificationId;
    this.postgresFqdn = postgres.fqdn;
    this.postgresServerId = postgres.serverId;
    this.adminPasswordSecretUri = adminSecretUri;
    this.appDbPasswordSecretUri = appDbSecretUri;
    this.replicationPasswordSecretUri = replicationSecretUri;
    this.vaultUri = vault.vaultUri;
    this.vaultName = vault.vaultName;
    this.vaultId = vault.vaultId;
    this.functionAppName = app.appName;
    this.storageAccountName = storage.accountName;
    this.egressIp = net.natPublicIp;
    this.bastionName = access.bastionName;
    this.jumpHostId = access.jumpHostId;
    this.jumpIdentityPrincipalId = jumpIdentity.principalId;
    this.jumpIdentityClientId = jumpIdentity.clientId;
    this.tenantId = client.tenantId;
    this.subscriptionId = client.subscriptionId;
    this.appInsightsId = monitoring.appInsightsId;
    this.dnsSubnets = {
      inbound: { id: net.subnetIds.dnsInbound, cidr: net.subnetCidrs.dnsInbound },
      outbound: { id: net.subnetIds.dnsOutbound, cidr: net.subnetCidrs.dnsOutbound },
    };
    this.registerOutputs({
      bastionName: this.bastionName,
      jumpHostId: this.jumpHostId,
      jumpIdentityPrincipalId: this.jumpIdentityPrincipalId,
      jumpIdentityClientId: this.jumpIdentityClientId,
      tenantId: this.tenantId,
      appInsightsId: this.appInsightsId,
      dnsSubnets: this.dnsSubnets,
      resourceGroupName: rg,
      vnetId: this.vnetId,
      gatewaySubnetId: this.gatewaySubnetId,
      workspaceId,
      apiHostName: this.apiHostName,
      functionAppId: this.functionAppId,
      customDomainVerificationId: this.customDomainVerificationId,
      postgresFqdn: this.postgresFqdn,
      postgresServerId: this.postgresServerId,
      adminPasswordSecretUri: adminSecretUri,
      appDbPasswordSecretUri: appDbSecretUri,
      replicationPasswordSecretUri: replicationSecretUri,
      vaultUri: this.vaultUri,
      vaultName: this.vaultName,
      vaultId: this.vaultId,
      functionAppName: this.functionAppName,
      storageAccountName: this.storageAccountName,
      egressIp: this.egressIp,
    });
  }
}
