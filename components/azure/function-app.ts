/**
 * The standby API: a Linux Function App on the Flex Consumption plan running the trade service's
 * domain code through its Azure Functions adapter (services/trade-api/azure-function.ts).
 * Flex Consumption because it scales from zero while standing by (or keeps `alwaysReadyInstances`
 * warm), integrates with the VNet (subnet delegated to Microsoft.App/environments) and deploys
 * from a private blob container with a managed identity: no shared keys, no content share.
 * HTTPS only, basic-auth publishing off, all egress through the VNet; no `siteConfig` (Flex
 * Consumption rejects parts of it; see the WebApp below).
 */
import * as web from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { sendDiagnostics } from "./diagnostics";
import { DEFAULT_RBAC_PROPAGATION_SECONDS, grant, propagationWait } from "./roles";

export interface StandbyFunctionAppArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly subscriptionId: pulumi.Input<string>;
  /** User-assigned identity the app runs as (storage, Key Vault references, telemetry). */
  readonly identity: {
    readonly id: pulumi.Input<string>;
    readonly clientId: pulumi.Input<string>;
    readonly principalId: pulumi.Input<string>;
  };
  /** The apps subnet (delegated to Microsoft.App/environments). */
  readonly subnetId: pulumi.Input<string>;
  /** Host storage and the deployment package container. */
  readonly storage: {
    readonly accountId: pulumi.Input<string>;
    readonly accountName: pulumi.Input<string>;
    readonly blobEndpoint: pulumi.Input<string>;
    readonly deploymentContainer: pulumi.Input<string>;
  };
  readonly vaultId: pulumi.Input<string>;
  readonly appInsights: { readonly id: pulumi.Input<string>; readonly connectionString: pulumi.Input<string> };
  /** Extra app settings (database host, Key Vault references `@Microsoft.KeyVault(SecretUri=…)`). */
  readonly appSettings: Readonly<Record<string, pulumi.Input<string>>>;
  /** Pre-warmed HTTP instances: 0 (default, scale from zero) to 20. */
  readonly alwaysReadyInstances?: number;
  /** Scale-out ceiling: 40 to 1000. Default 100. */
  readonly maximumInstanceCount?: number;
  readonly workspaceId: pulumi.Input<string>;
  /** Seconds to wait after the app's role assignments before creating it (RBAC propagates eventually): 1 to 1800. Default 120. */
  readonly rbacPropagationSeconds?: number;
}

export class StandbyFunctionApp extends pulumi.ComponentResource {
  readonly appId: pulumi.Output<string>;
  readonly appName: pulumi.Output<string>;
  /** `<app>.azurewebsites.net`: the SECONDARY failover target. */
  readonly defaultHostName: pulumi.Output<string>;
  /** Proves domain ownership for a custom host name (`asuid.<name>` TXT record). */
  readonly customDomainVerificationId: pulumi.Output<string>;

  constructor(name: string, args: StandbyFunctionAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:azure:StandbyFunctionApp", name, {}, opts);
    const child = { parent: this };
    const common = { resourceGroupName: args.resourceGroupName, location: args.location, tags: { ...args.tags } };
    const principal = { subscriptionId: args.subscriptionId, principalId: args.identity.principalId };
    const grants = {
      blobOwner: grant(
        `${name}-blob-owner`,
        { ...principal, role: "storageBlobDataOwner", scope: args.storage.accountId },
        child,
      ),
      queueContributor: grant(
        `${name}-queue-contributor`,
        { ...principal, role: "storageQueueDataContributor", scope: args.storage.accountId },
        child,
      ),
      secretsUser: grant(
        `${name}-secrets-user`,
        { ...principal, role: "keyVaultSecretsUser", scope: args.vaultId },
        child,
      ),
      metricsPublisher: grant(
        `${name}-metrics-publisher`,
        { ...principal, role: "monitoringMetricsPublisher", scope: args.appInsights.id },
        child,
      ),
    };
    // The host reads its storage, Key Vault references and telemetry with these roles at start:
    // wait until they have propagated, not only been created.
    const rolesPropagated = propagationWait(
      `${name}-roles-wait`,
      grants,
      args.rbacPropagationSeconds ?? DEFAULT_RBAC_PROPAGATION_SECONDS,
      child,
    );

    const plan = new web.AppServicePlan(
      `${name}-plan`,
      { ...common, kind: "functionapp", reserved: true, sku: { name: "FC1", tier: "FlexConsumption" } },
      child,
    );
    const settings: Record<string, pulumi.Input<string>> = {
      AzureWebJobsStorage__accountName: args.storage.accountName,
      AzureWebJobsStorage__credential: "managedidentity",
      AzureWebJobsStorage__clientId: args.identity.clientId,
      AZURE_CLIENT_ID: args.identity.clientId,
      APPLICATIONINSIGHTS_CONNECTION_STRING: args.appInsights.connectionString,
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: pulumi.interpolate`ClientId=${args.identity.clientId};Authorization=AAD`,
      ...args.appSettings,
    };
    const alwaysReady = args.alwaysReadyInstances ?? 0;
    const app = new web.WebApp(
      `${name}-app`,
      {
        ...common,
        kind: "functionapp,linux",
        serverFarmId: plan.id,
        httpsOnly: true,
        clientCertEnabled: false,
        // Internet-facing by design: Route 53's SECONDARY answer after a promoted failover.
        publicNetworkAccess: "Enabled",
        virtualNetworkSubnetId: args.subnetId,
        identity: { type: "UserAssigned", userAssignedIdentities: [args.identity.id] },
        keyVaultReferenceIdentity: args.identity.id,
        functionAppConfig: {
          deployment: {
            storage: {
              type: "blobContainer",
              value: pulumi.interpolate`${args.storage.blobEndpoint}${args.storage.deploymentContainer}`,
              authentication: { type: "UserAssignedIdentity", userAssignedIdentityResourceId: args.identity.id },
            },
          },
          runtime: { name: "node", version: "22" },
          scaleAndConcurrency: {
            maximumInstanceCount: args.maximumInstanceCount ?? 100,
            instanceMemoryMB: 2048,
            alwaysReady: alwaysReady > 0 ? [{ name: "http", instanceCount: alwaysReady }] : [],
          },
        },
        // No siteConfig at all: Flex Consumption rejects several of its properties (ftpsState,
        // netFrameworkVersion, use32BitWorkerProcess, ...; ARM error 51021), and the azure-native
        // SDK fills `netFrameworkVersion: "v4.6"` into any siteConfig it is given
        // (siteConfigArgsProvideDefaults; pulumi-azure-native#4168). TLS 1.2 minimum (site and
        // SCM) is the platform default for new apps, FTP does not exist on Flex, and a Flex app
        // with VNet integration routes all outbound traffic through the VNet; the deploy checks
        // confirm each (docs/deploy-readiness.md, "Azure: StandbyFunctionApp").
      },
      { ...child, dependsOn: [...Object.values(grants), rolesPropagated] },
    );
    // App settings as their own resource (Microsoft.Web/sites/config "appsettings"), as
    // Microsoft's Flex Consumption templates do; it replaces the whole set on every update.
    new web.WebAppApplicationSettings(
      `${name}-settings`,
      {
        resourceGroupName: args.resourceGroupName,
        name: app.name,
        properties: settings,
      },
      child,
    );
    for (const [kind, Policy] of [
      ["ftp", web.WebAppFtpAllowed],
      ["scm", web.WebAppScmAllowed],
    ] as const) {
      new Policy(
        `${name}-${kind}-basic-auth`,
        { resourceGroupName: args.resourceGroupName, name: app.name, allow: false },
        child,
      );
    }
    sendDiagnostics(`${name}-app`, app.id, args.workspaceId, "logs-and-metrics", child);

    this.appId = app.id;
    this.appName = app.name;
    this.defaultHostName = app.defaultHostName;
    this.customDomainVerificationId = app.customDomainVerificationId.apply((v) => v ?? "");
    this.registerOutputs({
      appId: this.appId,
      appName: this.appName,
      defaultHostName: this.defaultHostName,
      customDomainVerificationId: this.customDomainVerificationId,
    });
  }
}
