/** Region and location rules shared by the region-lock policies. */
import { AZURE_PAIRED_LOCATIONS } from "../../platform-rules/regions";
import { typeMatches } from "./props";

/**
 * AWS services whose control plane is global: their resources have no region of their own
 * (IAM, Route 53 zones and records, CloudFront, Organizations, Shield Advanced, Global
 * Accelerator, Budgets). They are exempt from the region list; CloudFront-scope WAF ACLs and
 * CloudFront certificates must additionally live in us-east-1 (an AWS rule, checked below).
 */
export const DEFAULT_AWS_GLOBAL_TYPES = [
  "aws:iam/*",
  "aws:route53/zone:Zone",
  "aws:route53/record:Record",
  "aws:route53/healthCheck:HealthCheck",
  "aws:route53/delegationSet:DelegationSet",
  "aws:route53/keySigningKey:KeySigningKey",
  "aws:route53/hostedZoneDnsSec:HostedZoneDnsSec",
  "aws:route53/zoneAssociation:ZoneAssociation",
  "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization",
  "aws:cloudfront/*",
  "aws:organizations/*",
  "aws:shield/*",
  "aws:globalaccelerator/*",
  "aws:budgets/*",
];

/** Azure resources ARM only accepts with location "global". */
export const DEFAULT_AZURE_GLOBAL_TYPES = [
  "azure-native:privatedns:*",
  "azure-native:dns:*",
  "azure-native:cdn:*",
  "azure-native:frontdoor:*",
  "azure-native:trafficmanager:*",
  "azure-native:monitor:ActionGroup",
  "azure-native:monitor:ActivityLogAlert",
  "azure-native:monitor:MetricAlert",
  "azure-native:alertsmanagement:SmartDetectorAlertRule",
  "azure-native:alertsmanagement:AlertProcessingRuleByName",
];

/**
 * Azure's geo pairs for the allowed locations: where a geo-redundant backup keeps its copy.
 * A PostgreSQL flexible server with a customer-managed key and geo-redundant backup needs a
 * key (and so a Key Vault) and a user-assigned identity in the pair, so those types — and only
 * those — may use it. Azure-defined pairs: https://learn.microsoft.com/azure/reliability/cross-region-replication-azure
 */
export const DEFAULT_AZURE_PAIRED_LOCATIONS: Readonly<Record<string, readonly string[]>> = AZURE_PAIRED_LOCATIONS;

/**
 * Resource types a CMK geo-backup needs in the paired location. Keys, role assignments,
 * diagnostic settings and DNS zone groups take no location of their own; the vault's private
 * endpoint sits in the VNet's (allowed) location.
 */
export const DEFAULT_AZURE_PAIRED_REGION_TYPES = [
  "azure-native:keyvault:Vault",
  "azure-native:managedidentity:UserAssignedIdentity",
];

/** "East US 2", "eastus2" and "EastUS2" are the same ARM location. */
export function normalizeLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, "");
}

export function isGlobalType(type: string, globalTypes: readonly string[]): boolean {
  return typeMatches(type, globalTypes);
}

/** The region in an ARN (`arn:aws:rds:eu-west-1:…`); undefined for global ARNs such as S3's. */
export function regionOfArn(value: unknown): string | undefined {
  return typeof value === "string" ? /^arn:aws[a-z-]*:[^:]*:([a-z]{2}(?:-[a-z]+)+-\d):/.exec(value)?.[1] : undefined;
}

export interface Placement {
  /** Where the region was read, e.g. `replicas[0].region`. */
  readonly field: string;
  readonly region: string;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const field = (o: unknown, k: string): unknown =>
  typeof o === "object" && o !== null ? (o as Record<string, unknown>)[k] : undefined;

/**
 * Regions a resource copies data to or from besides its own: replicas and replication sources or
 * destinations named by a per-resource field. (S3 replication names the destination bucket by an
 * ARN without a region: the stack policy aws-replication-destinations resolves it.)
 */
export function otherPlacements(type: string, props: Readonly<Record<string, unknown>>): Placement[] {
  const found: Placement[] = [];
  const add = (where: string, region: unknown): void => {
    if (typeof region === "string" && region !== "") found.push({ field: where, region });
  };
  switch (type) {
    case "aws:dynamodb/table:Table":
      list(props["replicas"]).forEach((r, i) => add(`replicas[${i}].regionName`, field(r, "regionName")));
      break;
    case "aws:secretsmanager/secret:Secret":
      list(props["replicas"]).forEach((r, i) => add(`replicas[${i}].region`, field(r, "region")));
      break;
    case "aws:rds/globalCluster:GlobalCluster":
      add("sourceDbClusterIdentifier", regionOfArn(props["sourceDbClusterIdentifier"]));
      break;
    case "aws:rds/cluster:Cluster":
      add("replicationSourceIdentifier", regionOfArn(props["replicationSourceIdentifier"]));
      break;
    case "aws:rds/instance:Instance":
      add("replicateSourceDb", regionOfArn(props["replicateSourceDb"]));
      break;
    case "aws:kms/replicaKey:ReplicaKey":
      add("primaryKeyArn", regionOfArn(props["primaryKeyArn"]));
      break;
    case "aws:backup/plan:Plan":
      list(props["rules"]).forEach((r, i) =>
        list(field(r, "copyActions")).forEach((c, j) =>
          add(`rules[${i}].copyActions[${j}].destinationVaultArn`, regionOfArn(field(c, "destinationVaultArn"))),
        ),
      );
      break;
    case "aws:ecr/replicationConfiguration:ReplicationConfiguration":
      list(field(props["replicationConfiguration"], "rules")).forEach((r, i) =>
        list(field(r, "destinations")).forEach((d, j) =>
          add(`replicationConfiguration.rules[${i}].destinations[${j}].region`, field(d, "region")),
        ),
      );
      break;
  }
  return found;
}
