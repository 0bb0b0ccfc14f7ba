/**
 * The standby's Key Vault: RBAC authorization, purge protection, 90-day soft delete, no public
 * network access (network ACL default Deny; trusted Azure services may bypass for CMK unwrap),
 * reachable through a private endpoint, with RSA 3072 keys (RSA-HSM on a premium vault) that
 * rotate yearly. Secrets (the PostgreSQL administrator password) live here too.
 */
import * as eventgrid from "@pulumi/azure-native/eventgrid";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import { sendDiagnostics } from "./diagnostics";
import { privateEndpoint } from "./private-endpoint";

export type KeyProtection = "hsm" | "software";

export interface StandbyVaultArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** ARM location. Required. */
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Globally unique vault name, 3 to 24 of a-z 0-9 and `-`. Required. */
  readonly vaultName: string;
  /** Entra tenant of the vault. Required. */
  readonly tenantId: pulumi.Input<string>;
  /** `hsm` (default): premium vault, RSA-HSM keys. `software`: standard vault, RSA keys. */
  readonly keyProtection?: KeyProtection;
  /** Key names to create (RSA 3072, yearly rotation). Default none. */
  readonly keys?: readonly string[];
  /**
   * Private endpoint subnet and the privatelink.vaultcore.azure.net zone. `location` is the
   * subnet's VNet location (an endpoint must sit in its VNet's region, even when the vault is in
   * another, e.g. the geo-backup vault in the paired region). Default: the vault's location.
   */
  readonly privateEndpoint: {
    readonly subnetId: pulumi.Input<string>;
    readonly privateZoneId: pulumi.Input<string>;
    readonly location?: string;
  };
  readonly workspaceId: pulumi.Input<string>;
  /**
   * When every secret this vault stores expires, in epoch seconds (Key Vault's `exp`): rotate
   * before it (docs/components/dr.md, "Secret expiry and rotation"). Default none (no expiry).
   */
  readonly secretsExpireAt?: number;
  /**
   * Raise an Azure Monitor alert to this action group 30 days before a secret or key expires,
   * and when it has expired (Key Vault's SecretNearExpiry/SecretExpired events through an
   * Event Grid system topic; Azure Monitor alerts as the event handler). The events fire only
   * for versions created after the subscription, so keys and secrets wait for it. Default none.
   */
  readonly expiryAlerts?: { readonly actionGroupId: pulumi.Input<string> };
  /** Resource options for the vault and keys (protect/retainOnDelete in prod). */
  readonly statefulOptions?: pulumi.CustomResourceOptions;
}

/** Rotate after a year, expire after two, and notify 30 days before expiry (PCI DSS 3.6.4 cryptoperiod). */
export const KEY_ROTATION_POLICY = {
  attributes: { expiryTime: "P730D" },
  lifetimeActions: [
    { trigger: { timeAfterCreate: "P365D" }, action: { type: "rotate" as const } },
    { trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" as const } },
  ],
};

/** The Key Vault events that say a secret, key or certificate is about to expire or has expired. */
export const EXPIRY_EVENT_TYPES = [
  "Microsoft.KeyVault.SecretNearExpiry",
  "Microsoft.KeyVault.SecretExpired",
  "Microsoft.KeyVault.KeyNearExpiry",
  "Microsoft.KeyVault.KeyExpired",
  "Microsoft.KeyVault.CertificateNearExpiry",
  "Microsoft.KeyVault.CertificateExpired",
] as const;

export class StandbyVault extends pulumi.ComponentResource {
  readonly vaultId: pulumi.Output<string>;
  readonly vaultName: pulumi.Output<string>;
  readonly vaultUri: pulumi.Output<string>;
  /** Versionless key URIs by key name (services follow rotation automatically). */
  readonly keyUris: Readonly<Record<string, pulumi.Output<string>>>;
  readonly keyNames: Readonly<Record<string, pulumi.Output<string>>>;
  private readonly expiryWatch: readonly pulumi.Resource[];
  private readonly secretsExpireAt: number | undefined;

  constructor(name: string, args: StandbyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:azure:StandbyVault", name, {}, opts);
    const hsm = (args.keyProtection ?? "hsm") === "hsm";
    const child = { parent: this };
    const vault = new keyvault.Vault(
      `${name}-vault`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        vaultName: args.vaultName,
        tags: { ...args.tags },
        properties: {
          tenantId: args.tenantId,
          sku: { family: "A", name: hsm ? "premium" : "standard" },
          enableRbacAuthorization: true,
          enablePurgeProtection: true,
          enableSoftDelete: true,
          softDeleteRetentionInDays: 90,
          publicNetworkAccess: "Disabled",
          networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
          enabledForDeployment: false,
          enabledForDiskEncryption: false,
          enabledForTemplateDeployment: false,
        },
      },
      { ...child, ...args.statefulOptions },
    );
    privateEndpoint(
      `${name}-vault-pe`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.privateEndpoint.location ?? args.location,
        tags: args.tags,
        subnetId: args.privateEndpoint.subnetId,
        privateZoneId: args.privateEndpoint.privateZoneId,
        targetId: vault.id,
        groupId: "vault",
      },
      child,
    );
    sendDiagnostics(`${name}-vault`, vault.id, args.workspaceId, "logs-and-metrics", child);

    const expiryWatch: pulumi.Resource[] = [];
    if (args.expiryAlerts) {
      const topic = new eventgrid.SystemTopic(
        `${name}-events`,
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          tags: { ...args.tags },
          source: vault.id,
          topicType: "Microsoft.KeyVault.vaults",
        },
        child,
      );
      expiryWatch.push(
        new eventgrid.SystemTopicEventSubscription(
          `${name}-expiry-alerts`,
          {
            resourceGroupName: args.resourceGroupName,
            systemTopicName: topic.name,
            // The Azure Monitor alerts handler takes CloudEvents 1.0 only.
            eventDeliverySchema: "CloudEventSchemaV1_0",
            filter: { includedEventTypes: [...EXPIRY_EVENT_TYPES] },
            destination: {
              endpointType: "MonitorAlert",
              severity: "Sev2",
              description:
                "A standby Key Vault secret, key or certificate expires within 30 days (or has expired): rotate it (docs/components/dr.md, Secret expiry and rotation).",
              actionGroups: [args.expiryAlerts.actionGroupId],
            },
          },
          child,
        ),
      );
    }
    this.expiryWatch = expiryWatch;
    this.secretsExpireAt = args.secretsExpireAt;

    const keyUris: Record<string, pulumi.Output<string>> = {};
    const keyNames: Record<string, pulumi.Output<string>> = {};
    for (const keyName of args.keys ?? []) {
      const key = new keyvault.Key(
        `${name}-${keyName}-key`,
        {
          resourceGroupName: args.resourceGroupName,
          vaultName: vault.name,
          keyName,
          tags: { ...args.tags },
          properties: {
            kty: hsm ? "RSA-HSM" : "RSA",
            keySize: 3072,
            keyOps: ["wrapKey", "unwrapKey"],
            rotationPolicy: KEY_ROTATION_POLICY,
          },
        },
        { ...child, ...args.statefulOptions, dependsOn: expiryWatch },
      );
      keyUris[keyName] = key.keyUri;
      keyNames[keyName] = key.name;
    }
    this.vaultId = vault.id;
    this.vaultName = vault.name;
    this.vaultUri = vault.properties.apply((p) => p.vaultUri ?? "");
    this.keyUris = keyUris;
    this.keyNames = keyNames;
    this.registerOutputs({
      vaultId: this.vaultId,
      vaultName: this.vaultName,
      vaultUri: this.vaultUri,
      keyUris,
      keyNames,
    });
  }

  /**
   * Stores a secret (e.g. a generated password) in the vault; returns its versionless URI.
   * `valueOwner: "operators"` (default `pulumi`) writes `value` only at creation: operators set
   * later versions (e.g. `az keyvault secret set`) and `pulumi up` leaves them alone.
   */
  secret(
    name: string,
    secretName: string,
    value: pulumi.Input<string>,
    args: Pick<StandbyVaultArgs, "resourceGroupName" | "tags"> & { readonly valueOwner?: "pulumi" | "operators" },
  ): pulumi.Output<string> {
    const secret = new keyvault.Secret(
      `${name}-secret`,
      {
        resourceGroupName: args.resourceGroupName,
        vaultName: this.vaultName,
        secretName,
        tags: { ...args.tags },
        properties: {
          value: pulumi.secret(value),
          contentType: "text/plain",
          ...(this.secretsExpireAt !== undefined ? { attributes: { expires: this.secretsExpireAt } } : {}),
        },
      },
      {
        parent: this,
        dependsOn: [...this.expiryWatch],
        // An operator-owned secret is never updated after creation: azure-native PUTs the whole
        // secret, so any update (tags, expiry) would write the stored creation value as a new
        // version over the operators' one. Operators set its later versions and their expiry.
        ignoreChanges: (args.valueOwner ?? "pulumi") === "operators" ? ["properties", "tags"] : [],
      },
    );
    return pulumi.interpolate`${this.vaultUri}secrets/${secret.name}`;
  }
}
