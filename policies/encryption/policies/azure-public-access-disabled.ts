import { asString, at, forTypes, readConfig, typeMatches, type Props } from "../../lib/props";
import { resourcePolicy, type PolicyConfigSchema } from "../../lib/types";

const STORAGE = "azure-native:storage:StorageAccount";
const POSTGRES = "azure-native:dbforpostgresql:Server";
const VAULT = "azure-native:keyvault:Vault";
const PATHS = ["publicNetworkAccess", "properties.publicNetworkAccess", "network.publicNetworkAccess"];
/** Data stores that must say so explicitly: their API default is public. */
const MUST_DECLARE: Readonly<Record<string, string>> = {
  [STORAGE]: "publicNetworkAccess",
  [POSTGRES]: "network.publicNetworkAccess",
  [VAULT]: "properties.publicNetworkAccess",
};

interface Config {
  readonly internetFacingTypes: readonly string[];
}

const schema: PolicyConfigSchema = {
  properties: {
    internetFacingTypes: {
      type: "array",
      items: { type: "string" },
      default: ["azure-native:web:WebApp", "azure-native:cdn:*", "azure-native:frontdoor:*"],
      description:
        "Type tokens (trailing * allowed) that serve the internet by design and may keep public network access.",
    },
  },
};

function problems(type: string, props: Props, internetFacing: boolean): string[] {
  const found: string[] = [];
  const required = MUST_DECLARE[type];
  for (const path of PATHS) {
    const v = asString(at(props, path));
    const missing = v === undefined && path === required;
    if ((missing || (v !== undefined && v !== "Disabled")) && !internetFacing) {
      found.push(
        `${path} is ${v ?? "unset (defaults to Enabled)"}: set it to "Disabled" and reach the resource through a private endpoint.`,
      );
    }
  }
  if (type === STORAGE && props["allowBlobPublicAccess"] !== false) {
    found.push("allowBlobPublicAccess is not false: set it to false so no container can be made public.");
  }
  return found;
}

export const azurePublicAccessDisabled = resourcePolicy({
  name: "azure-public-access-disabled",
  description:
    "Azure data stores (storage, PostgreSQL, Key Vault, and anything else exposing " +
    "publicNetworkAccess) are reachable only privately; storage forbids public blobs.",
  enforcementLevel: "mandatory",
  pci: ["1.3.1", "1.4.1", "1.4.4"],
  resourceTypes: [STORAGE, POSTGRES, VAULT, "azure-native:* (with publicNetworkAccess)"],
  fix:
    "Set publicNetworkAccess (PostgreSQL: network.publicNetworkAccess; Key Vault: " +
    'properties.publicNetworkAccess) to "Disabled" and allowBlobPublicAccess to false.',
  covers: { checkov: ["CKV_AZURE_59", "CKV_AZURE_68", "CKV_AZURE_189", "CKV_AZURE_190", "CKV2_AZURE_26"] },
  configSchema: schema,
  validateResource: forTypes(["azure-native:*"], (props, args, report) => {
    const { internetFacingTypes } = readConfig<Config>(args, schema);
    for (const p of problems(args.type, props, typeMatches(args.type, internetFacingTypes))) report(p);
  }),
});
