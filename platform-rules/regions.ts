/**
 * Where the platform runs, defined once: config validation (platform:regions), the stack
 * defaults and the region-lock policies' defaults read these.
 */

/** Commercial AWS regions this code knows; the stack still allows only those in `platform:regions`. */
export const AWS_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "ca-west-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-east-1",
  "sa-east-1",
  "me-south-1",
  "me-central-1",
  "af-south-1",
  "il-central-1",
] as const;

/** Azure regions (ARM location names) this code knows. */
export const AZURE_LOCATIONS = [
  "eastus",
  "eastus2",
  "centralus",
  "northcentralus",
  "southcentralus",
  "westcentralus",
  "westus",
  "westus2",
  "westus3",
  "canadacentral",
  "canadaeast",
  "brazilsouth",
  "northeurope",
  "westeurope",
  "uksouth",
  "ukwest",
  "francecentral",
  "germanywestcentral",
  "switzerlandnorth",
  "norwayeast",
  "swedencentral",
  "australiaeast",
  "southeastasia",
  "eastasia",
  "japaneast",
  "koreacentral",
  "centralindia",
] as const;

export type AwsRegion = (typeof AWS_REGIONS)[number];
export type AzureLocation = (typeof AZURE_LOCATIONS)[number];

/** The primary region and the DR standby's location. */
export const PRIMARY_AWS_REGION = "us-east-1" satisfies AwsRegion;
export const STANDBY_AZURE_LOCATION = "eastus2" satisfies AzureLocation;

/** What `platform:regions` and the region-lock packs allow when nothing else is configured. */
export const DEFAULT_ALLOWED_AWS_REGIONS: readonly AwsRegion[] = [PRIMARY_AWS_REGION];
export const DEFAULT_ALLOWED_AZURE_LOCATIONS: readonly AzureLocation[] = [STANDBY_AZURE_LOCATION];

/**
 * Azure's geo pairs for the allowed locations: where a geo-redundant backup keeps its copy.
 * Azure-defined pairs: https://learn.microsoft.com/azure/reliability/cross-region-replication-azure
 */
export const AZURE_PAIRED_LOCATIONS: Readonly<Record<string, readonly string[]>> = { eastus2: ["centralus"] };
