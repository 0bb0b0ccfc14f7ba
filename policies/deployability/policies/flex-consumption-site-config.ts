/**
 * Flex Consumption function apps (plan SKU FC1, `functionAppConfig` on the site) reject a set of
 * siteConfig properties outright (ARM 51021: "The following site configuration property
 * (Site.SiteConfig.NetFrameworkVersion) for Flex Consumption sites is invalid. Please remove or
 * rename it before retrying"; the same for FtpsState, Use32BitWorkerProcess,
 * PreWarmedInstanceCount, FunctionsRuntimeScaleMonitoringEnabled, LinuxFxVersion). azure-native's
 * SDK fills `netFrameworkVersion: "v4.6"` into every siteConfig it is given
 * (web.siteConfigArgsProvideDefaults in @pulumi/azure-native types/input.js), so on a Flex site
 * a WebApp siteConfig always carries a rejected property; Microsoft says the rejection is intended
 * in every region.
 *
 * Sources: pulumi/pulumi-azure-native#4168, Azure/azure-cli#31414 (the list of five),
 * Azure/terraform-azurerm-avm-res-web-site#345 (LinuxFxVersion, alwaysOn),
 * https://learn.microsoft.com/en-us/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations,
 * issue 12 Found 2.
 */
import { asObject, asString, baseType, peek, readConfig } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const WEB_APP = "azure-native:web:WebApp";
const PLAN = "azure-native:web:AppServicePlan";

export const FLEX_REJECTED_SITE_CONFIG = [
  "netFrameworkVersion",
  "ftpsState",
  "use32BitWorkerProcess",
  "preWarmedInstanceCount",
  "functionsRuntimeScaleMonitoringEnabled",
  "linuxFxVersion",
  "windowsFxVersion",
  "alwaysOn",
] as const;

const configSchema = {
  properties: {
    rejectedProperties: {
      type: "array" as const,
      items: { type: "string" as const },
      default: [...FLEX_REJECTED_SITE_CONFIG],
      description: "siteConfig properties ARM rejects on Flex Consumption sites.",
    },
  },
};

function isFlexPlan(plan: PolicyResource): boolean {
  const sku = asObject(peek(plan.props, "sku"));
  return (
    asString(sku?.["tier"])?.toLowerCase() === "flexconsumption" || asString(sku?.["name"])?.toUpperCase() === "FC1"
  );
}

function isFlexSite(site: PolicyResource, all: readonly PolicyResource[]): boolean {
  if (peek(site.props, "functionAppConfig") !== undefined) return true;
  const farm = new Set((site.propertyDependencies["serverFarmId"] ?? []).map((d) => d.urn));
  return all.some((r) => baseType(r.type) === PLAN && farm.has(r.urn) && isFlexPlan(r));
}

export const flexConsumptionSiteConfig = stackPolicy({
  name: "flex-consumption-site-config",
  description:
    "Flex Consumption function apps carry none of the siteConfig properties ARM rejects on " +
    "Flex sites (netFrameworkVersion, which azure-native adds to any siteConfig, ftpsState, " +
    "...).",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: [WEB_APP, PLAN],
  fix:
    "On a Flex Consumption app, drop the rejected siteConfig properties; since azure-native " +
    "adds netFrameworkVersion to any siteConfig, move app settings to functionAppConfig / a " +
    "WebAppApplicationSettings resource and leave siteConfig unset (FTP is off via " +
    "WebAppFtpAllowed).",
  configSchema,
  validateStack: (args, report) => {
    const { rejectedProperties } = readConfig<{ rejectedProperties: readonly string[] }>(args, configSchema);
    judgeEach(
      args.resources.filter((r) => baseType(r.type) === WEB_APP),
      report,
      (site) => {
        const siteConfig = asObject(peek(site.props, "siteConfig"));
        if (!siteConfig || !isFlexSite(site, args.resources)) return;
        const rejected = rejectedProperties.filter((p) => siteConfig[p] !== undefined);
        if (rejected.length === 0) return;
        const added =
          rejected.includes("netFrameworkVersion") && siteConfig["netFrameworkVersion"] === "v4.6"
            ? " (netFrameworkVersion v4.6 is what azure-native fills into every siteConfig, so leave siteConfig unset)"
            : "";
        report(
          `${site.name} is a Flex Consumption app and its siteConfig sets ${rejected.join(", ")}, ` +
            `which ARM rejects on Flex sites ("The following site configuration property ... for Flex ` +
            `Consumption sites is invalid")${added}: remove them.`,
          site.urn,
        );
      },
    );
  },
});
