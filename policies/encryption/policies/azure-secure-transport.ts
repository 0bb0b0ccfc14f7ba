import { asString, at, forTypes, type Props } from "../../lib/props";
import { tlsVersion } from "../../lib/tls";
import { resourcePolicy } from "../../lib/types";

const STORAGE = "azure-native:storage:StorageAccount";
const WEB_APP = "azure-native:web:WebApp";
const PG_CONFIG = "azure-native:dbforpostgresql:Configuration";
const TLS_PATHS = [
  "minimumTlsVersion",
  "minTlsVersion",
  "properties.minimumTlsVersion",
  "properties.minTlsVersion",
  "siteConfig.minTlsVersion",
];

export { tlsVersion } from "../../lib/tls";

const tooOld = (value: string): boolean => (tlsVersion(value) ?? 0) < 1.2;

function problems(type: string, props: Props): string[] {
  const found: string[] = [];
  for (const path of TLS_PATHS) {
    const v = asString(at(props, path));
    if (v !== undefined && tooOld(v)) found.push(`${path} is ${v}: set it to TLS1_2 (or 1.2 / TLS1_3).`);
  }
  if (type === STORAGE) {
    if (props["enableHttpsTrafficOnly"] === false) found.push("enableHttpsTrafficOnly is false: set it to true.");
    if (props["minimumTlsVersion"] === undefined)
      found.push('minimumTlsVersion is unset (older API versions default to TLS1_0): set it to "TLS1_2".');
  }
  if (type === WEB_APP && props["httpsOnly"] !== true) found.push("httpsOnly is not true: set httpsOnly to true.");
  if (type === PG_CONFIG) {
    const name = asString(props["configurationName"]);
    const value = asString(props["value"]) ?? "";
    if (name === "ssl_min_protocol_version" && tooOld(value))
      found.push(`ssl_min_protocol_version is ${value}: set it to TLSv1.2 or TLSv1.3.`);
    if (name === "require_secure_transport" && value.toLowerCase() === "off")
      found.push("require_secure_transport is off: set it to on.");
  }
  return found;
}

export const azureSecureTransport = resourcePolicy({
  name: "azure-secure-transport",
  description:
    "Azure resources accept only TLS 1.2 or newer: storage HTTPS-only, web apps httpsOnly, PostgreSQL ssl_min_protocol_version and require_secure_transport.",
  enforcementLevel: "mandatory",
  pci: ["4.2.1"],
  resourceTypes: [STORAGE, WEB_APP, PG_CONFIG, "azure-native:* (with a minimum TLS version)"],
  fix: "Set the minimum TLS version to TLS1_2 or newer, enableHttpsTrafficOnly/httpsOnly to true, and never lower ssl_min_protocol_version below TLSv1.2.",
  covers: { checkov: ["CKV_AZURE_3", "CKV_AZURE_14", "CKV_AZURE_15", "CKV_AZURE_44", "CKV_AZURE_145"] },
  configSchema: { properties: {} },
  validateResource: forTypes(["azure-native:*"], (props, args, report) => {
    for (const p of problems(args.type, props)) report(p);
  }),
});
