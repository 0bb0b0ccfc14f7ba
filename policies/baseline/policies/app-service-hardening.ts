/**
 * App Service and Functions hardening, judged on the configuration as deployed
 * (lib/site-config.ts): the WebApp's siteConfig, or for a Flex Consumption app, which cannot send
 * siteConfig, the `Microsoft.Web/sites/config` "web" its ARM deployment writes.
 *
 * FTP on Flex Consumption: Flex sites offer no FTP/FTPS deployment (their one deployment path is
 * the package in a blob container: https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#deployment)
 * and ARM rejects `ftpsState` on them ("The following list of 5 site configuration properties
 * (Site.SiteConfig.FtpsState, ...) for Flex Consumption sites is invalid": Azure/azure-cli#31414;
 * on Microsoft Q&A 2275500 a Microsoft moderator says the listed properties do not apply to Flex
 * Consumption and that blocking them is intended in every region, as
 * Azure/terraform-azurerm-avm-res-web-site#360 reports). terraform-provider-azurerm's
 * azurerm_function_app_flex_consumption has no ftps_state either. So ftpsState is
 * not applicable on Flex sites only; every other site still needs "Disabled", and basic-auth FTP
 * publishing must be off everywhere (web.WebAppFtpAllowed).
 */
import { judgeEach } from "../../lib/judge";
import { asString, baseType, dependsThrough, peek } from "../../lib/props";
import { effectiveSiteConfig, isFlexSite } from "../../lib/site-config";
import { tlsVersion } from "../../lib/tls";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const WEB_APP = "azure-native:web:WebApp";
const FTP = "azure-native:web:WebAppFtpAllowed";
const SCM = "azure-native:web:WebAppScmAllowed";

/** The basic-auth publishing switch for `app` (linked by its name), if the stack declares one. */
function switchFor(app: PolicyResource, all: readonly PolicyResource[], type: string): PolicyResource | undefined {
  return all.find(
    (r) =>
      baseType(r.type) === type &&
      (dependsThrough(r, "name").has(app.urn) ||
        (peek(r.props, "name") !== undefined && peek(r.props, "name") === peek(app.props, "name"))),
  );
}

export const appServiceHardening = stackPolicy({
  name: "app-service-hardening",
  description:
    "App Service and Function apps turn FTP off (not applicable on Flex Consumption, which has no FTP), " +
    "basic-auth publishing off (FTP and SCM), remote debugging off and require TLS 1.2+ on the SCM site, " +
    "in siteConfig or the site's deployed config/web.",
  enforcementLevel: "mandatory",
  pci: ["2.2.4", "2.2.7", "4.2.1", "8.3.1"],
  resourceTypes: [WEB_APP, FTP, SCM, "azure-native:web:AppServicePlan", "azure-native:resources:Deployment"],
  fix:
    'Set siteConfig.ftpsState "Disabled" (not on Flex Consumption), siteConfig.remoteDebuggingEnabled false, ' +
    'siteConfig.scmMinTlsVersion "1.2" (on a Flex Consumption app: in an ARM deployment of its ' +
    'Microsoft.Web/sites/config "web"), and declare web.WebAppFtpAllowed and web.WebAppScmAllowed ' +
    "with allow: false for the app.",
  covers: { checkov: ["CKV_AZURE_78", "CKV_AZURE_72", "CKV_AZURE_15", "CKV_AZURE_145"] },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    judgeEach(
      args.resources.filter((r) => baseType(r.type) === WEB_APP),
      report,
      (app) => {
        const site = effectiveSiteConfig(app, args.resources);
        const flex = isFlexSite(app, args.resources);
        const where = flex ? "its deployed Microsoft.Web/sites/config web (an ARM deployment)" : "siteConfig";
        const ftps = asString(site["ftpsState"]);
        if (!flex && ftps !== "Disabled")
          report(
            `${app.name} allows FTP deployment (ftpsState ${ftps ?? "unset, i.e. AllAllowed"}): set siteConfig.ftpsState to "Disabled".`,
            app.urn,
          );
        if (site["remoteDebuggingEnabled"] === true)
          report(`${app.name} has remote debugging on: set remoteDebuggingEnabled to false in ${where}.`, app.urn);
        const scm = asString(site["scmMinTlsVersion"]);
        if (scm === undefined || (tlsVersion(scm) ?? 0) < 1.2)
          report(
            `${app.name}'s SCM (Kudu) site accepts TLS below 1.2 (scmMinTlsVersion ${scm ?? "unset"}): set scmMinTlsVersion to "1.2" in ${where}.`,
            app.urn,
          );
        for (const [type, label] of [
          [FTP, "FTP"],
          [SCM, "SCM"],
        ] as const) {
          const s = switchFor(app, args.resources, type);
          if (!s || s.props["allow"] !== false)
            report(
              `${app.name} allows basic-auth ${label} publishing: declare web.${type.split(":").pop()} for it with allow: false.`,
              s?.urn ?? app.urn,
            );
        }
      },
    );
  },
});
