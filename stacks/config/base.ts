/** Settings every stack carries: environment, tags, allowed regions and data protection. */
import { z } from "zod";
import { awsRegion, azureLocation } from "./common";
import { DEFAULT_ALLOWED_AWS_REGIONS, DEFAULT_ALLOWED_AZURE_LOCATIONS } from "../../platform-rules/regions";

export const environment = z
  .enum(["dev", "staging", "prod"], {
    error: (issue) => `unknown environment ${JSON.stringify(issue.input)}; expected dev, staging or prod`,
  })
  .describe("dev, staging or prod: the Environment tag; prod turns on the prod floors.");

const tagValue = z
  .string()
  .min(1, "must not be empty")
  .max(256, "must be at most 256 characters (the AWS tag value limit)")
  .regex(
    /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
    "may only contain letters, digits, spaces and _ . : / = + - @ (valid on both AWS and Azure)",
  );

/**
 * `platform:tags`: values of the required tags. Environment comes from `platform:environment`
 * and Compliance is always PCI-DSS, so neither is set here.
 */
export const tags = z.strictObject({
  CostCenter: tagValue.describe("CostCenter tag on every resource (required)."),
  Owner: tagValue.describe("Owner tag on every resource: the owning team (required)."),
  DataClassification: z
    .enum(["public", "internal", "confidential", "restricted"], {
      error: () => "expected public, internal, confidential or restricted",
    })
    .describe("DataClassification tag on every resource (required); Compliance is always PCI-DSS."),
  extra: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.:/=+\-@]{0,127}$/, "tag keys start with a letter"), tagValue)
    .default({})
    .describe("Further tags to put on every resource."),
});

/** `platform:regions`: where resources may live (the region-lock policies enforce the same lists). */
export const regions = z
  .strictObject({
    allowedAwsRegions: z
      .array(awsRegion)
      .min(1, "list at least one region")
      .default([...DEFAULT_ALLOWED_AWS_REGIONS])
      .describe("AWS regions resources may be in; the region-lock pack enforces the same list."),
    allowedAzureLocations: z
      .array(azureLocation)
      .min(1, "list at least one location")
      .default([...DEFAULT_ALLOWED_AZURE_LOCATIONS])
      .describe("Azure locations resources may be in; the region-lock pack enforces the same list."),
  })
  .default({
    allowedAwsRegions: [...DEFAULT_ALLOWED_AWS_REGIONS],
    allowedAzureLocations: [...DEFAULT_ALLOWED_AZURE_LOCATIONS],
  });

/**
 * `platform:protection`: `retain` protects every stateful resource (Pulumi protect, deletion
 * protection, retain-on-delete, final snapshots); `disposable` lets dev be torn down cheaply.
 */
export const protection = z
  .enum(["retain", "disposable"], {
    error: () => "expected retain (prod: stateful resources survive pulumi destroy) or disposable (dev)",
  })
  .describe(
    "retain: stateful resources are protected, deletion-protected, retained and snapshotted; disposable: dev can be torn down.",
  );
