/**
 * Naming and tagging helpers. Required tags (Environment, CostCenter, Owner, Compliance,
 * DataClassification) come from the AWS provider's defaultTags; components add only
 * resource-specific tags such as Name, through `nameTag`.
 */
import * as pulumi from "@pulumi/pulumi";

/** The resource-specific tags a component adds: `Name` plus any extra the caller gives. */
export function nameTag(name: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { Name: name, ...extra };
}

/**
 * A physical name `<parts joined by ->`, lower-cased, for resources that need a stable,
 * human-readable name (KMS aliases, S3 buckets). Unknown parts (Outputs) are resolved first.
 */
export function physicalName(...parts: pulumi.Input<string>[]): pulumi.Output<string> {
  return pulumi.all(parts).apply((values) => values.map((v) => v.toLowerCase()).join("-"));
}

/** S3 bucket names: 3 to 63 characters of a-z, 0-9, `-` and `.`, starting and ending alphanumeric. */
export const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** KMS alias names after `alias/`: letters, digits, `/ _ -`; not starting with `aws/`. */
export const KMS_ALIAS_NAME = /^[A-Za-z0-9/_-]{1,250}$/;
