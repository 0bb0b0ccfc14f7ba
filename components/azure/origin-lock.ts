/**
 * Locks a Flex Consumption Function App to one Front Door profile and sets the TLS floor, through
 * an ARM deployment of the site's `Microsoft.Web/sites/config` "web" (issue 12 item 15; PCI DSS
 * 6.4.2, 1.4.1, 4.2.1). Why a deployment: the app cannot carry `siteConfig`, because azure-native
 * fills `netFrameworkVersion: "v4.6"` into any siteConfig and ARM rejects that on Flex sites
 * (pulumi/pulumi-azure-native#4168), and azure-native has no separate resource for config/web
 * (node_modules/@pulumi/azure-native/web has none). An incremental ARM template that PUTs only
 * Flex-valid properties sends exactly what we choose. `ipSecurityRestrictionsDefaultAction: Deny`
 * is what makes the list deny everything else (MicrosoftDocs/azure-docs#101666).
 *
 * What the template writes (every property is one terraform-provider-azurerm's
 * azurerm_function_app_flex_consumption site_config accepts, and none is on ARM's Flex rejection
 * list: ftpsState, use32BitWorkerProcess, preWarmedInstanceCount, netFrameworkVersion,
 * functionsRuntimeScaleMonitoringEnabled, functionAppScaleLimit, linuxFxVersion, alwaysOn):
 * - main site: Allow only the `AzureFrontDoor.Backend` service tag carrying this profile's
 *   `X-Azure-FDID` header (the tag alone admits every customer's Front Door:
 *   https://learn.microsoft.com/azure/frontdoor/origin-security), default action Deny;
 * - SCM site: its own list (not the main site's, which would shut out CI), empty, default action
 *   Deny. CI's deploy step allows the runner's address for the length of One Deploy and removes it
 *   (.github/workflows/pulumi-up.yml); basic-auth publishing is off (WebAppScmAllowed), so SCM
 *   takes Entra ID tokens only;
 * - minTlsVersion and scmMinTlsVersion 1.2, HTTP/2 on, remote debugging off.
 *
 * A PUT of config/web sets the properties it carries and leaves the others as they are (the Web
 * resource provider treats PUT on existing config as an update: MicrosoftDocs/azure-docs#58852,
 * Azure/azure-cli#11718); lists (the restriction lists) are replaced whole.
 */
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";

/** `Microsoft.Web/sites/config` API version: 2023-12-01 or newer knows Flex sites (functionAppConfig). */
export const SITE_CONFIG_API_VERSION = "2024-04-01";
/** The Front Door rule's priority; nothing else is allowed, so any value below the implicit deny works. */
const FRONT_DOOR_RULE_PRIORITY = 100;

/** The web config the template writes, with ARM parameter references for the site and the profile id. */
export function originLockProperties(frontDoorIdExpression: string): Record<string, unknown> {
  return {
    ipSecurityRestrictions: [
      {
        name: "AllowThisFrontDoor",
        description: "Only this stack's Front Door profile (service tag and X-Azure-FDID)",
        action: "Allow",
        priority: FRONT_DOOR_RULE_PRIORITY,
        tag: "ServiceTag",
        ipAddress: "AzureFrontDoor.Backend",
        headers: { "x-azure-fdid": [frontDoorIdExpression] },
      },
    ],
    ipSecurityRestrictionsDefaultAction: "Deny",
    scmIpSecurityRestrictionsUseMain: false,
    scmIpSecurityRestrictions: [],
    scmIpSecurityRestrictionsDefaultAction: "Deny",
    minTlsVersion: "1.2",
    scmMinTlsVersion: "1.2",
    http20Enabled: true,
    remoteDebuggingEnabled: false,
  };
}

/** The incremental ARM template: one resource, the site's config/web. Pure; parameters siteName and frontDoorId. */
export function originLockTemplate(): Record<string, unknown> {
  return {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    parameters: { siteName: { type: "string" }, frontDoorId: { type: "string" } },
    resources: [
      {
        type: "Microsoft.Web/sites/config",
        apiVersion: SITE_CONFIG_API_VERSION,
        name: "[format('{0}/web', parameters('siteName'))]",
        properties: originLockProperties("[parameters('frontDoorId')]"),
      },
    ],
  };
}

export interface OriginLockArgs {
  /** Resource group of the Function App. Required. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** The Function App's name (its config/web is written). Required. */
  readonly siteName: pulumi.Input<string>;
  /** The Front Door profile's id, which Front Door sends as X-Azure-FDID. Required. */
  readonly frontDoorId: pulumi.Input<string>;
  /** Tags for the deployment record. Required (azure-native has no provider default tags). */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The deployment that writes the lock. Its template is static (known at preview, so the packs read
 * it); the site and the profile id are parameters. A replaced app has a new name, which changes
 * the parameters and runs the deployment again.
 */
export function lockOriginToFrontDoor(
  name: string,
  args: OriginLockArgs,
  opts: pulumi.CustomResourceOptions,
): resources.Deployment {
  return new resources.Deployment(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      tags: { ...args.tags },
      properties: {
        mode: "Incremental",
        template: originLockTemplate(),
        parameters: { siteName: { value: args.siteName }, frontDoorId: { value: args.frontDoorId } },
      },
    },
    opts,
  );
}
