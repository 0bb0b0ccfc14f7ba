/**
 * The security events the CIS AWS Foundations Benchmark (v3.0, section 4 "Monitoring") asks an
 * account to alarm on, as CloudWatch Logs metric-filter patterns over the CloudTrail log group.
 * PCI DSS v4.0.1 10.4.1 (review of security events) and 10.7.2 (failures of security controls).
 */
export interface SecurityEvent {
  /** kebab-case id: alarm and metric names. */
  readonly id: string;
  /** The CIS control it implements. */
  readonly cis: string;
  readonly description: string;
  readonly pattern: string;
}

const anyOf = (names: readonly string[]): string => names.map((n) => `($.eventName = ${n})`).join(" || ");

export const SECURITY_EVENTS: readonly SecurityEvent[] = [
  {
    id: "unauthorized-api-calls",
    cis: "4.1",
    description: "API calls refused as unauthorized or access denied",
    pattern:
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ' +
      '($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  },
  {
    id: "console-sign-in-without-mfa",
    cis: "4.2",
    description: "Console sign-in by an IAM user without MFA",
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ' +
      '($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: "root-account-use",
    cis: "4.3",
    description: "The root user acted",
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    id: "iam-policy-changes",
    cis: "4.4",
    description: "IAM policies created, changed, attached or detached",
    pattern: `{ ${anyOf(["DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"])} }`,
  },
  {
    id: "cloudtrail-changes",
    cis: "4.5",
    description: "A trail created, changed, stopped or deleted",
    pattern: `{ ${anyOf(["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"])} }`,
  },
  {
    id: "console-authentication-failures",
    cis: "4.6",
    description: "Failed console sign-ins",
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  },
  {
    id: "kms-key-disabled-or-deleted",
    cis: "4.7",
    description: "A customer managed key disabled or scheduled for deletion",
    pattern:
      "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }",
  },
  {
    id: "s3-bucket-policy-changes",
    cis: "4.8",
    description: "Bucket ACLs, policies, CORS, lifecycle or replication changed",
    pattern:
      `{ ($.eventSource = s3.amazonaws.com) && ` +
      `(${anyOf(["PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"])}) }`,
  },
  {
    id: "config-changes",
    cis: "4.9",
    description: "AWS Config recording or delivery changed or stopped",
    pattern:
      `{ ($.eventSource = config.amazonaws.com) && ` +
      `(${anyOf(["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"])}) }`,
  },
  {
    id: "security-group-changes",
    cis: "4.10",
    description: "Security groups created, changed or deleted",
    pattern: `{ ${anyOf(["AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"])} }`,
  },
  {
    id: "nacl-changes",
    cis: "4.11",
    description: "Network ACLs created, changed or deleted",
    pattern: `{ ${anyOf(["CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"])} }`,
  },
  {
    id: "network-gateway-changes",
    cis: "4.12",
    description: "Internet or customer gateways created, attached, detached or deleted",
    pattern: `{ ${anyOf(["CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"])} }`,
  },
  {
    id: "route-table-changes",
    cis: "4.13",
    description: "Route tables or routes created, replaced or deleted",
    pattern:
      `{ ($.eventSource = ec2.amazonaws.com) && ` +
      `(${anyOf(["CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"])}) }`,
  },
  {
    id: "vpc-changes",
    cis: "4.14",
    description: "VPCs or peering connections created, changed or deleted",
    pattern: `{ ${anyOf(["CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink"])} }`,
  },
  {
    id: "organizations-changes",
    cis: "4.15",
    description: "AWS Organizations accounts, units or policies changed",
    pattern:
      `{ ($.eventSource = organizations.amazonaws.com) && ` +
      `(${anyOf(["AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"])}) }`,
  },
];
