import { judgeEach } from "../../lib/judge";
import { asString, at, baseType, dependsThrough, peek } from "../../lib/props";
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
    "App Service and Function apps turn FTP off, basic-auth publishing off (FTP and SCM), remote debugging off and require TLS 1.2+ on the SCM site.",
  enforcementLevel: "mandatory",
  pci: ["2.2.4", "2.2.7", "4.2.1", "8.3.1"],
  resourceTypes: [WEB_APP, FTP, SCM],
  fix:
    'Set siteConfig.ftpsState "Disabled", siteConfig.remoteDebuggingEnabled false, ' +
    'siteConfig.scmMinTlsVersion "1.2", and declare web.WebAppFtpAllowed and ' +
    "web.WebAppScmAllowed with allow: false for the app.",
  covers: { checkov: ["CKV_AZURE_78", "CKV_AZURE_72", "CKV_AZURE_15", "CKV_AZURE_145"] },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    judgeEach(
      args.resources.filter((r) => baseType(r.type) === WEB_APP),
      report,
      (app) => {
        const ftps = asString(at(app.props, "siteConfig.ftpsState"));
        if (ftps !== "Disabled")
          report(
            `${app.name} allows FTP deployment (ftpsState ${ftps ?? "unset, i.e. AllAllowed"}): set siteConfig.ftpsState to "Disabled".`,
            app.urn,
          );
        if (at(app.props, "siteConfig.remoteDebuggingEnabled") === true)
          report(`${app.name} has remote debugging on: set siteConfig.remoteDebuggingEnabled to false.`, app.urn);
        const scm = asString(at(app.props, "siteConfig.scmMinTlsVersion"));
        if (scm === undefined || (tlsVersion(scm) ?? 0) < 1.2)
          report(
            `${app.name}'s SCM (Kudu) site accepts TLS below 1.2 (scmMinTlsVersion ${scm ?? "unset"}): set siteConfig.scmMinTlsVersion to "1.2".`,
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
