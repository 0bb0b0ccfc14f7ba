import {
  DEFAULT_AZURE_GLOBAL_TYPES,
  DEFAULT_AZURE_PAIRED_LOCATIONS,
  DEFAULT_AZURE_PAIRED_REGION_TYPES,
  isGlobalType,
  normalizeLocation,
} from "../../lib/regions";
import { asString, baseType, isAzureResource, readConfig, typeMatches } from "../../lib/props";
import { resourcePolicy, type PolicyConfigSchema } from "../../lib/types";
import { DEFAULT_ALLOWED_AZURE_LOCATIONS } from "../../../platform-rules/regions";

interface Config {
  readonly allowedLocations: readonly string[];
  readonly globalLocationTypes: readonly string[];
  readonly pairedLocations: Readonly<Record<string, readonly string[]>>;
  readonly pairedRegionTypes: readonly string[];
}

const AZURE_PROVIDER = "pulumi:providers:azure-native";

const schema: PolicyConfigSchema = {
  properties: {
    allowedLocations: {
      type: "array",
      items: { type: "string", minLength: 1 },
      minItems: 1,
      uniqueItems: true,
      default: [...DEFAULT_ALLOWED_AZURE_LOCATIONS],
      description: "ARM locations every Azure resource may use (the stack's locations, without the paired ones below).",
    },
    globalLocationTypes: {
      type: "array",
      items: { type: "string" },
      default: DEFAULT_AZURE_GLOBAL_TYPES,
      description: 'Type tokens (trailing * allowed) that ARM only accepts with location "global".',
    },
    pairedLocations: {
      type: "object",
      additionalProperties: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true },
      default: DEFAULT_AZURE_PAIRED_LOCATIONS,
      description:
        "Allowed location → its geo-paired location(s), open ONLY to pairedRegionTypes and only while that allowed location is in allowedLocations. " +
        "platform:regions.allowedAzureLocations is allowedLocations plus these pairs.",
    },
    pairedRegionTypes: {
      type: "array",
      items: { type: "string", minLength: 1 },
      uniqueItems: true,
      default: DEFAULT_AZURE_PAIRED_REGION_TYPES,
      description:
        "Type tokens (trailing * allowed) that may live in a paired location: what a CMK geo-redundant backup needs there (Key Vault, user-assigned identity).",
    },
  },
};

/** The paired locations `type` may use: pairs of allowed locations, when the type is a paired-region type. */
function pairedFor(type: string, allowed: readonly string[], config: Config): string[] {
  if (!typeMatches(type, config.pairedRegionTypes)) return [];
  return Object.entries(config.pairedLocations)
    .filter(([primary]) => allowed.includes(normalizeLocation(primary)))
    .flatMap(([, pairs]) => pairs.map(normalizeLocation));
}

export const azureAllowedLocations = resourcePolicy({
  name: "azure-allowed-locations",
  description:
    "Azure providers, resource groups and every resource with a location stay in the allowed " +
    "locations; only the geo-backup key vault and identity types may use an allowed location's " +
    "geo pair.",
  enforcementLevel: "mandatory",
  pci: ["12.5.2", "1.2.4"],
  resourceTypes: [AZURE_PROVIDER, "azure-native:resources:ResourceGroup", "azure-native:* (with location)"],
  fix:
    "Set location to an allowed location; only inherently global resource types may use " +
    '"global", and only pairedRegionTypes an allowed location\'s geo pair.',
  configSchema: schema,
  validateResource: (args, report) => {
    const isProvider = args.type === AZURE_PROVIDER;
    if (!isProvider && !isAzureResource(args.type)) args.notApplicable("Not an Azure resource");
    const config = readConfig<Config>(args, schema);
    const allowed = config.allowedLocations.map(normalizeLocation);
    const location = asString(args.props["location"]);
    if (isProvider) {
      if (location !== undefined && !allowed.includes(normalizeLocation(location))) {
        report(`The azure-native provider defaults to ${location}: set its location to one of ${allowed.join(", ")}.`);
      }
      return;
    }
    if (location === undefined) {
      if (baseType(args.type) === "azure-native:resources:ResourceGroup") {
        report(`The resource group has no location: set location to one of ${allowed.join(", ")}.`);
      }
      // Other resources without one inherit the provider's default location, checked above.
      return;
    }
    const normalized = normalizeLocation(location);
    if (normalized === "global") {
      if (!isGlobalType(args.type, config.globalLocationTypes)) {
        report(
          `Location "global" is only for inherently global services: set location to one of ${allowed.join(", ")}.`,
        );
      }
    } else if (!allowed.includes(normalized) && !pairedFor(args.type, allowed, config).includes(normalized)) {
      const pairedAnywhere = Object.values(config.pairedLocations).flat().map(normalizeLocation).includes(normalized);
      const why = pairedAnywhere
        ? ` (${normalized} is a geo-paired location, open only to ${config.pairedRegionTypes.join(", ")})`
        : "";
      report(`Resource is placed in ${location}${why}: set location to one of ${allowed.join(", ")}.`);
    }
  },
});
