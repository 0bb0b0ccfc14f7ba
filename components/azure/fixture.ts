/** Test fixture: valid AzureStandby args, as prod would pass them. */
import type { AzureStandbyArgs } from "./standby";

export const TAGS = {
  Environment: "prod",
  CostCenter: "FX-1",
  Owner: "platform",
  Compliance: "PCI-DSS",
  DataClassification: "restricted",
};

export function standbyArgs(overrides: Partial<AzureStandbyArgs> = {}): AzureStandbyArgs {
  return {
    namePrefix: "fxprodab12",
    location: "eastus2",
    tags: TAGS,
    vnetCidr: "10.1.0.0/16",
    awsVpcCidr: "10.0.0.0/16",
    awsPostgresClientCidrs: ["10.0.0.0/20", "10.0.64.0/22"],
    postgres: {
      majorVersion: "17",
      skuName: "Standard_D4ds_v5",
      tier: "GeneralPurpose",
      storageSizeGb: 256,
      highAvailability: "ZoneRedundant",
    },
    allowedPairs: ["EUR/USD", "GBP/USD"],
    containers: {
      ingestion: { coolAfterDays: 30, coldAfterDays: 90 },
      audit: { coolAfterDays: 30, coldAfterDays: 90, deleteAfterDays: 2557 },
    },
    operators: { groupObjectId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" },
    ...overrides,
  };
}
