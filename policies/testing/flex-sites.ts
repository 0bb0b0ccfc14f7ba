/** Test fixtures for Flex Consumption sites whose web config arrives through an ARM deployment. */
import type { PlanResource } from "../../platform-rules/plan-format";
import { resource, urnOf } from "./fixtures";

export const WEB_APP = "azure-native:web:WebApp";
export const FLEX_PLAN = resource("azure-native:web:AppServicePlan", "flex-plan", {
  kind: "functionapp",
  reserved: true,
  sku: { name: "FC1", tier: "FlexConsumption" },
});
export const FRONT_DOOR_ID = "8e5b2a4c-0d1f-4c6e-9a3b-7f2d1e0c5b9a";

/** A Flex Consumption app without siteConfig (as azure-native must send it). */
export function flexApp(name = "flex"): PlanResource {
  return resource(
    WEB_APP,
    name,
    {
      resourceGroupName: "rg",
      kind: "functionapp,linux",
      serverFarmId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverfarms/flex-plan",
      httpsOnly: true,
      publicNetworkAccess: "Enabled",
      functionAppConfig: { runtime: { name: "node", version: "22" } },
    },
    { propertyDependencies: { serverFarmId: [FLEX_PLAN.urn] } },
  );
}

/** The web config a Front Door-locked Flex app gets (components/azure/origin-lock.ts writes the same). */
export const LOCKED_WEB_CONFIG: Record<string, unknown> = {
  ipSecurityRestrictions: [
    {
      name: "AllowThisFrontDoor",
      action: "Allow",
      priority: 100,
      tag: "ServiceTag",
      ipAddress: "AzureFrontDoor.Backend",
      headers: { "x-azure-fdid": ["[parameters('frontDoorId')]"] },
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

/** An incremental ARM deployment writing `<site>/web` for the app named `app` (linked by dependency). */
export function webConfigDeployment(
  properties: Record<string, unknown> = LOCKED_WEB_CONFIG,
  app = "flex",
  siteName: unknown = `${app}0a1b2c3d`,
): PlanResource {
  return resource(
    "azure-native:resources:Deployment",
    `${app}-origin-lock`,
    {
      resourceGroupName: "rg",
      properties: {
        mode: "Incremental",
        template: {
          $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          contentVersion: "1.0.0.0",
          parameters: { siteName: { type: "string" }, frontDoorId: { type: "string" } },
          resources: [
            {
              type: "Microsoft.Web/sites/config",
              apiVersion: "2024-04-01",
              name: "[format('{0}/web', parameters('siteName'))]",
              properties,
            },
          ],
        },
        parameters: { siteName: { value: siteName }, frontDoorId: { value: FRONT_DOOR_ID } },
      },
    },
    { propertyDependencies: { properties: [urnOf(WEB_APP, app), urnOf("azure-native:cdn:Profile", "fd")] } },
  );
}

/** Basic-auth publishing switches for `app`, both off unless told otherwise. */
export function basicAuthOff(app = "flex", ftp = false, scm = false): PlanResource[] {
  return [
    resource(
      "azure-native:web:WebAppFtpAllowed",
      `${app}-ftp`,
      { resourceGroupName: "rg", allow: ftp },
      { propertyDependencies: { name: [urnOf(WEB_APP, app)] } },
    ),
    resource(
      "azure-native:web:WebAppScmAllowed",
      `${app}-scm`,
      { resourceGroupName: "rg", allow: scm },
      { propertyDependencies: { name: [urnOf(WEB_APP, app)] } },
    ),
  ];
}
