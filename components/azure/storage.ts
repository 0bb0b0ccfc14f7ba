/**
 * The standby's blob storage: geo-zone-redundant StorageV2, customer-managed key through a
 * user-assigned identity plus infrastructure (double) encryption, TLS 1.2 and HTTPS only, no
 * shared keys, no public network access or public blobs, reachable through private endpoints
 * (blob, and queue for the Functions host). Containers mirror the S3 data buckets, with a
 * lifecycle policy mirroring their storage-class transitions (Glacier tiers map to Cold: no Archive on GZRS).
 */
import * as storage from "@pulumi/azure-native/storage";
import type * as inputs from "@pulumi/azure-native/types/input";
import * as pulumi from "@pulumi/pulumi";
import { STORAGE_METRICS, sendDiagnostics } from "./diagnostics";
import { privateEndpoint } from "./private-endpoint";
import { AZURE_MIN_TLS_VERSION } from "../../platform-rules/tls";

/**
 * When blobs move to cooler tiers and (optionally) expire, in days after last modification.
 * Cold, not Archive: the account is GZRS/RA-GZRS, and the Archive tier exists only on LRS, GRS
 * and RA-GRS accounts (https://learn.microsoft.com/en-us/azure/storage/blobs/access-tiers-overview);
 * Cold keeps blobs online (readable during a failover without hours of rehydration).
 */
export interface TierProfile {
  readonly coolAfterDays: number;
  /** Must be later than coolAfterDays. */
  readonly coldAfterDays: number;
  /** Must be later than coldAfterDays; absent = keep. */
  readonly deleteAfterDays?: number;
}

export interface StandbyStorageArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Globally unique, 3 to 24 lowercase letters and digits. Required. */
  readonly accountName: string;
  /** Default `Standard_RAGZRS`. */
  readonly skuName?: "Standard_GZRS" | "Standard_RAGZRS";
  /** User-assigned identity that unwraps the account key. */
  readonly identityId: pulumi.Input<string>;
  readonly keyVaultUri: pulumi.Input<string>;
  readonly keyName: pulumi.Input<string>;
  /** Containers to create and their tiering; a container without a profile stays hot. */
  readonly containers: Readonly<Record<string, TierProfile | undefined>>;
  /** Days deleted blobs, versions and containers stay recoverable: 1 to 365. Default 30. */
  readonly softDeleteDays?: number;
  readonly privateEndpoints: {
    readonly subnetId: pulumi.Input<string>;
    readonly blobZoneId: pulumi.Input<string>;
    readonly queueZoneId: pulumi.Input<string>;
  };
  readonly workspaceId: pulumi.Input<string>;
  /**
   * The role assignment that lets `identityId` unwrap `keyName`: the account waits for it (ARM
   * reads the key at create time; KeyVaultAccessForbidden otherwise). A component's dependsOn
   * does not hold back its children, so it is passed here; pass the propagation wait after it
   * (`propagationWait`, roles.ts), since RBAC is eventually consistent. Default none (granted outside the stack).
   */
  readonly keyGrants?: readonly pulumi.Resource[];
  readonly statefulOptions?: pulumi.CustomResourceOptions;
}

/** Lifecycle rules, one per tiered container. Pure. */
export function lifecycleRules(
  containers: StandbyStorageArgs["containers"],
): inputs.storage.ManagementPolicyRuleArgs[] {
  return Object.entries(containers)
    .filter((entry): entry is [string, TierProfile] => entry[1] !== undefined)
    .map(([container, p]) => ({
      name: `${container}-tiering`,
      enabled: true,
      type: "Lifecycle",
      definition: {
        filters: { blobTypes: ["blockBlob"], prefixMatch: [`${container}/`] },
        actions: {
          baseBlob: {
            tierToCool: { daysAfterModificationGreaterThan: p.coolAfterDays },
            tierToCold: { daysAfterModificationGreaterThan: p.coldAfterDays },
            ...(p.deleteAfterDays !== undefined
              ? { delete: { daysAfterModificationGreaterThan: p.deleteAfterDays } }
              : {}),
          },
          version: {
            tierToCold: { daysAfterCreationGreaterThan: p.coldAfterDays },
            ...(p.deleteAfterDays !== undefined ? { delete: { daysAfterCreationGreaterThan: p.deleteAfterDays } } : {}),
          },
        },
      },
    }));
}

export class StandbyStorage extends pulumi.ComponentResource {
  readonly accountId: pulumi.Output<string>;
  readonly accountName: pulumi.Output<string>;
  readonly blobEndpoint: pulumi.Output<string>;
  readonly containerNames: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: StandbyStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:azure:StandbyStorage", name, {}, opts);
    const child = { parent: this };
    const common = { resourceGroupName: args.resourceGroupName, location: args.location, tags: { ...args.tags } };
    const account = new storage.StorageAccount(
      `${name}-account`,
      {
        ...common,
        accountName: args.accountName,
        kind: "StorageV2",
        sku: { name: args.skuName ?? "Standard_RAGZRS" },
        accessTier: "Hot",
        identity: { type: "UserAssigned", userAssignedIdentities: [args.identityId] },
        encryption: {
          keySource: "Microsoft.Keyvault",
          keyVaultProperties: { keyName: args.keyName, keyVaultUri: args.keyVaultUri },
          encryptionIdentity: { encryptionUserAssignedIdentity: args.identityId },
          requireInfrastructureEncryption: true,
          // Account-scoped keys for queues and tables too (only settable at creation).
          services: {
            blob: { enabled: true, keyType: "Account" },
            file: { enabled: true, keyType: "Account" },
            queue: { enabled: true, keyType: "Account" },
            table: { enabled: true, keyType: "Account" },
          },
        },
        minimumTlsVersion: AZURE_MIN_TLS_VERSION,
        enableHttpsTrafficOnly: true,
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        defaultToOAuthAuthentication: true,
        allowCrossTenantReplication: false,
        isLocalUserEnabled: false,
        isSftpEnabled: false,
        publicNetworkAccess: "Disabled",
        networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
      },
      { ...child, ...args.statefulOptions, dependsOn: [...(args.keyGrants ?? [])] },
    );

    const softDeleteDays = args.softDeleteDays ?? 30;
    const blobService = new storage.BlobServiceProperties(
      `${name}-blob-service`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: account.name,
        blobServicesName: "default",
        isVersioningEnabled: true,
        deleteRetentionPolicy: { enabled: true, days: softDeleteDays },
        containerDeleteRetentionPolicy: { enabled: true, days: softDeleteDays },
      },
      child,
    );

    const containerNames: Record<string, pulumi.Output<string>> = {};
    for (const container of Object.keys(args.containers)) {
      const c = new storage.BlobContainer(
        `${name}-${container}`,
        {
          resourceGroupName: args.resourceGroupName,
          accountName: account.name,
          containerName: container,
          publicAccess: "None",
        },
        { ...child, dependsOn: [blobService] },
      );
      containerNames[container] = c.name;
    }
    const rules = lifecycleRules(args.containers);
    if (rules.length > 0) {
      new storage.ManagementPolicy(
        `${name}-lifecycle`,
        {
          resourceGroupName: args.resourceGroupName,
          accountName: account.name,
          managementPolicyName: "default",
          policy: { rules },
        },
        child,
      );
    }
    for (const [groupId, zoneId] of [
      ["blob", args.privateEndpoints.blobZoneId],
      ["queue", args.privateEndpoints.queueZoneId],
    ] as const) {
      privateEndpoint(
        `${name}-${groupId}-pe`,
        { ...common, subnetId: args.privateEndpoints.subnetId, privateZoneId: zoneId, targetId: account.id, groupId },
        child,
      );
    }
    sendDiagnostics(`${name}-account`, account.id, args.workspaceId, "metrics", child, STORAGE_METRICS);
    sendDiagnostics(
      `${name}-blob`,
      pulumi.interpolate`${account.id}/blobServices/default`,
      args.workspaceId,
      "logs-and-metrics",
      { ...child, dependsOn: [blobService] },
      STORAGE_METRICS,
    );

    this.accountId = account.id;
    this.accountName = account.name;
    this.blobEndpoint = account.primaryEndpoints.apply((e) => e.blob);
    this.containerNames = containerNames;
    this.registerOutputs({
      accountId: this.accountId,
      accountName: this.accountName,
      blobEndpoint: this.blobEndpoint,
      containerNames,
    });
  }
}
