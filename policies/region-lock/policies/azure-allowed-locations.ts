import { DEFAULT_AZURE_GLOBAL_TYPES, isGlobalType, normalizeLocation } from "../../lib/regions";
import { asString, isAzureResource, readConfig } from "../../lib/props";
import { resourcePolicy, type PolicyConfigSchema } from "../../lib/types";

interface Config {
  readonly allowedLocations: readonly string[];
  readonly globalLocationTypes: readonly string[];
}

const AZURE_PROVIDER = "pulumi:providers:azure-native";

const schema: PolicyConfigSchema = {
  properties: {
    allowedLocations: {
      type: "array",
      items: { type: "string", minLength: 1 },
      minItems: 1,
      uniqueItems: true,
      default: ["eastus2"],
      description: "ARM locations (keep equal to platform:regions.allowedAzureLocations).",
    },
    globalLocationTypes: {
      type: "array",
      items: { type: "string" },
      default: DEFAULT_AZURE_GLOBAL_TYPES,
      description: "Type tokens (trailing * allowed) that ARM only accepts with location \"global\".",
    },
  },
};

export const azureAllowedLocations = resourcePolicy({
  name: "azure-allowed-locations",
  description: "Azure providers, resource groups and every resource with a location stay in the allowed locations.",
  enforcementLevel: "mandatory",
  pci: ["12.5.2", "1.2.4"],
  resourceTypes: [AZURE_PROVIDER, "azure-native:resources:ResourceGroup", "azure-native:* (with location)"],
  fix: "Set location to an allowed location; only inherently global resource types may use \"global\".",
  configSchema: schema,
  validateResource: (args, report) => {
    const isProvider = args.type === AZURE_PROVIDER;
    if (!isProvider && !isAzureResource(args.type)) args.notApplicable("Not an Azure resource");
    const { allowedLocations, globalLocationTypes } = readConfig<Config>(args, schema);
    const allowed = allowedLocations.map(normalizeLocation);
    const location = asString(args.props["location"]);
    if (isProvider) {
      if (location !== undefined && !allowed.includes(normalizeLocation(location))) {
        report(`The azure-native provider defaults to ${location}: set its location to one of ${allowed.join(", ")}.`);
      }
      return;
    }
    if (location === undefined) {
      if (args.type === "azure-native:resources:ResourceGroup") {
        report(`The resource group has no location: set location to one of ${allowed.join(", ")}.`);
      }
      // Other resources without one inherit the provider's default location, checked above.
      return;
    }
    const normalized = normalizeLocation(location);
    if (normalized === "global") {
      if (!isGlobalType(args.type, globalLocationTypes)) {
        report(`Location "global" is only for inherently global services: set location to one of ${allowed.join(", ")}.`);
      }
    } else if (!allowed.includes(normalized)) {
      report(`Resource is placed in ${location}: set location to one of ${allowed.join(", ")}.`);
    }
  },
});
