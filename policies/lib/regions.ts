/** Region and location rules shared by the region-lock policies. */
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

/** "East US 2", "eastus2" and "EastUS2" are the same ARM location. */
export function normalizeLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, "");
}

export function isGlobalType(type: string, globalTypes: readonly string[]): boolean {
  return typeMatches(type, globalTypes);
}
