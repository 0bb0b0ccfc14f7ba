/** Tag helpers shared by the tagging policies. */
import * as taggable from "../tagging/taggable-types.json";
import { asObject, baseType, isAwsResource, isAzureResource, providerDefaultTags } from "./props";
import type { ResourceValidationArgs } from "./types";

const TAGGABLE = new Set<string>(taggable.types);

/** Derived from the installed SDKs by tools/generate-taggable-types.ts. */
export function isTaggable(type: string): boolean {
  return TAGGABLE.has(baseType(type));
}

/** Marks the resource not applicable unless it is an AWS or Azure type that takes tags. */
export function requireTaggable(args: ResourceValidationArgs): void {
  if (!(isAwsResource(args.type) || isAzureResource(args.type)) || !isTaggable(args.type)) {
    args.notApplicable("Resource type takes no tags");
  }
}

export const DEFAULT_REQUIRED_TAGS = [
  "Environment",
  "CostCenter",
  "Owner",
  "Compliance",
  "DataClassification",
] as const;

/**
 * The tags a resource will carry: its own `tags` plus, on AWS, the provider's `defaultTags`
 * (resource tags win, as in the provider's `tagsAll`). Azure has no provider-level default.
 */
export function effectiveTags(args: ResourceValidationArgs): Record<string, unknown> {
  const own = asObject(args.props["tags"]) ?? {};
  const defaults = isAwsResource(args.type) ? providerDefaultTags(args.provider?.props) : {};
  return { ...defaults, ...own };
}

export function hasValue(v: unknown): boolean {
  return typeof v === "string" ? v.trim() !== "" : v !== undefined && v !== null;
}
