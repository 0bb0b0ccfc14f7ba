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
 * The same holds for a `Microsoft.Web/sites/config` "web" that an ARM deployment writes for a
 * Flex site (the way this platform sets a Flex app's access restrictions and TLS floor): the
 * rejection is of the property, whatever sends it (Azure/azure-cli#31414 hit it through
 * `az functionapp config access-restriction add`, which PUTs config/web).
 *
 * Sources: pulumi/pulumi-azure-native#4168, Azure/azure-cli#31414 (the list of five),
 * Azure/terraform-azurerm-avm-res-web-site#345 (LinuxFxVersion, alwaysOn),
 * Azure/azure-functions-host#10643 (FunctionAppScaleLimit),
 * https://learn.microsoft.com/en-us/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations,
 * issue 12 Found 2.
 */
import { FLEX_REJECTED_SITE_CONFIG } from "../../../platform-rules/flex-consumption";
import { asObject, baseType, peek, readConfig } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import {
  APP_SERVICE_PLAN as PLAN,
  ARM_DEPLOYMENT,
  deployedSiteConfigs,
  isFlexSite,
  WEB_APP,
} from "../../lib/site-config";
import { stackPolicy } from "../../lib/types";

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

export const flexConsumptionSiteConfig = stackPolicy({
  name: "flex-consumption-site-config",
  description:
    "Flex Consumption function apps carry none of the siteConfig properties ARM rejects on " +
    "Flex sites (netFrameworkVersion, which azure-native adds to any siteConfig, ftpsState, " +
    "...).",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: [WEB_APP, PLAN, ARM_DEPLOYMENT],
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
        if (!isFlexSite(site, args.resources)) return;
        const siteConfig = asObject(peek(site.props, "siteConfig"));
        const rejected = siteConfig ? rejectedProperties.filter((p) => siteConfig[p] !== undefined) : [];
        if (siteConfig && rejected.length > 0) {
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
        }
        for (const deployed of deployedSiteConfigs(site, args.resources)) {
          const inTemplate = rejectedProperties.filter((p) => deployed.properties[p] !== undefined);
          if (inTemplate.length === 0) continue;
          report(
            `${deployed.deployment.name} writes ${inTemplate.join(", ")} into the Microsoft.Web/sites/config web of ` +
              `Flex Consumption app ${site.name}, which ARM rejects on Flex sites: remove them from the template.`,
            deployed.deployment.urn,
          );
        }
      },
    );
  },
});
