import type { PackDefinition } from "../lib/types";
import { awsAllowedRegions } from "./policies/aws-allowed-regions";
import { awsReplicationDestinations } from "./policies/aws-replication-destinations";
import { azureAllowedLocations } from "./policies/azure-allowed-locations";

export const regionLockPack: PackDefinition = {
  name: "region-lock",
  description:
    "AWS resources only in allowed regions and Azure resources only in allowed locations (PCI DSS v4.0.1 12.5.2 scope).",
  policies: [awsAllowedRegions, awsReplicationDestinations, azureAllowedLocations],
};
