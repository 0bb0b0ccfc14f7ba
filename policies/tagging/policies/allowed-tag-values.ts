import { effectiveTags, requireTaggable } from "../../lib/tags";
import { readConfig } from "../../lib/props";
import { resourcePolicy, type PolicyConfigSchema } from "../../lib/types";

interface Config {
  readonly allowedValues: Readonly<Record<string, readonly string[]>>;
}

export const DEFAULT_ALLOWED_VALUES = {
  Environment: ["dev", "staging", "prod"],
  Compliance: ["PCI-DSS"],
  DataClassification: ["public", "internal", "confidential", "restricted"],
};

const schema: PolicyConfigSchema = {
  properties: {
    allowedValues: {
      type: "object",
      additionalProperties: { type: "array", items: { type: "string" }, minItems: 1 },
      default: DEFAULT_ALLOWED_VALUES,
      description: "Tag key → the values it may take. Keys not listed are not checked.",
    },
  },
};

export const allowedTagValues = resourcePolicy({
  name: "allowed-tag-values",
  description: "Tags with a controlled vocabulary only take values from it.",
  enforcementLevel: "mandatory",
  severity: "medium",
  pci: ["12.5.1", "9.4.2"],
  resourceTypes: ["aws:* (taggable)", "azure-native:* (taggable)"],
  fix: "Set the tag to one of the allowed values (or extend allowedValues in the pack config).",
  configSchema: schema,
  validateResource: (args, report) => {
    requireTaggable(args);
    const { allowedValues } = readConfig<Config>(args, schema);
    const tags = effectiveTags(args);
    for (const [key, allowed] of Object.entries(allowedValues)) {
      const value = tags[key];
      if (value !== undefined && !allowed.includes(String(value))) {
        report(`Tag ${key}=${JSON.stringify(value)} is not allowed: use one of ${allowed.join(", ")}.`);
      }
    }
  },
});
