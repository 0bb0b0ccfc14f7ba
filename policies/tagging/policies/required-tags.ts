import { DEFAULT_REQUIRED_TAGS, effectiveTags, hasValue, requireTaggable } from "../../lib/tags";
import { isAwsResource, readConfig } from "../../lib/props";
import { resourcePolicy, type PolicyConfigSchema } from "../../lib/types";

interface Config {
  readonly requiredTags: readonly string[];
}

const schema: PolicyConfigSchema = {
  properties: {
    requiredTags: {
      type: "array",
      items: { type: "string", minLength: 1 },
      uniqueItems: true,
      default: [...DEFAULT_REQUIRED_TAGS],
      description: "Tag keys every taggable resource must carry (case-sensitive).",
    },
  },
};

export const requiredTags = resourcePolicy({
  name: "required-tags",
  description: "Every taggable AWS and Azure resource carries the platform's required tags.",
  enforcementLevel: "mandatory",
  severity: "medium",
  pci: ["12.5.1", "12.5.2"],
  resourceTypes: ["aws:* (taggable)", "azure-native:* (taggable)"],
  fix: "Add the missing keys to the resource's tags (or, on AWS, to the provider's defaultTags).",
  configSchema: schema,
  validateResource: (args, report) => {
    requireTaggable(args);
    const { requiredTags: keys } = readConfig<Config>(args, schema);
    const tags = effectiveTags(args);
    const missing = keys.filter((k) => !hasValue(tags[k]));
    if (missing.length > 0) {
      const where = isAwsResource(args.type)
        ? "its tags or the AWS provider's defaultTags"
        : "its tags (Azure has no provider-level default tags)";
      report(`Missing required tag(s) ${missing.join(", ")}: add them to ${where}.`);
    }
  },
});
