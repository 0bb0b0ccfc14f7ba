/**
 * AWS resources that exist once per account, or once per account and region: a second stack
 * (or a second component in one stack, or a landing zone) creating the same one fails, or
 * silently takes over the first one's setting, and destroying either removes what the other
 * relies on. The stacks own them only with `platform:account.baseline: managed`, and then
 * each exactly once (stacks/compose/account.ts); the deployability pack checks the same list.
 *
 * Sources (docs/deploy-readiness.md, "AWS: account baseline"):
 * - AWS Config: "one customer managed configuration recorder per account per Region"
 *   (MaxNumberOfConfigurationRecordersExceededException), https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html;
 *   one delivery channel per region (MaxNumberOfDeliveryChannelsExceededException, API_PutDeliveryChannel.html);
 *   one retention configuration per region (API_PutRetentionConfiguration.html).
 * - Service-linked roles: one per service per account unless the service supports a custom
 *   suffix (AWSServiceRoleForConfig does not), https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
 * - API Gateway's CloudWatch role is an account setting per region (UpdateAccount),
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 * - CloudTrail: the first copy of management events is free; every further trail recording
 *   them is billed, https://aws.amazon.com/cloudtrail/pricing/
 * - Cost Anomaly Detection: "up to one AWS Service Monitor" per account (and 500 custom ones),
 *   https://aws.amazon.com/aws-cost-management/aws-cost-anomaly-detection/faqs/
 */

export type SingletonScope = "account" | "region";

export interface AccountSingleton {
  /** Pulumi type token. */
  readonly type: string;
  readonly scope: SingletonScope;
  /** What the account holds once, for messages. */
  readonly what: string;
  /**
   * The identity within the type when a type holds several singletons (a service-linked role
   * per service), from the resource's inputs; undefined: the type itself is the singleton.
   * Returns null when this resource is not a singleton (a single-region trail).
   */
  readonly key?: (inputs: Readonly<Record<string, unknown>>) => string | null;
}

export const ACCOUNT_SINGLETONS: readonly AccountSingleton[] = [
  { type: "aws:cfg/recorder:Recorder", scope: "region", what: "the AWS Config configuration recorder" },
  { type: "aws:cfg/recorderStatus:RecorderStatus", scope: "region", what: "the AWS Config recorder's on/off status" },
  { type: "aws:cfg/deliveryChannel:DeliveryChannel", scope: "region", what: "the AWS Config delivery channel" },
  {
    type: "aws:cfg/retentionConfiguration:RetentionConfiguration",
    scope: "region",
    what: "the AWS Config retention configuration",
  },
  {
    type: "aws:iam/serviceLinkedRole:ServiceLinkedRole",
    scope: "account",
    what: "the service-linked role",
    key: (i) => `${String(i.awsServiceName ?? "?")}${i.customSuffix ? `_${String(i.customSuffix)}` : ""}`,
  },
  {
    type: "aws:apigateway/account:Account",
    scope: "region",
    what: "the API Gateway account settings (CloudWatch Logs role)",
  },
  {
    type: "aws:cloudtrail/trail:Trail",
    scope: "account",
    what: "the account's multi-region management-event trail (a second one is a billed duplicate)",
    key: (i) => (i.isMultiRegionTrail === true ? "multi-region" : null),
  },
  {
    type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    scope: "account",
    what: "the account's S3 Block Public Access setting",
  },
  { type: "aws:ebs/encryptionByDefault:EncryptionByDefault", scope: "region", what: "EBS encryption by default" },
  { type: "aws:ebs/defaultKmsKey:DefaultKmsKey", scope: "region", what: "the EBS default KMS key" },
  {
    type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    scope: "account",
    what: "the IAM account password policy",
  },
  { type: "aws:iam/accountAlias:AccountAlias", scope: "account", what: "the IAM account alias" },
  { type: "aws:guardduty/detector:Detector", scope: "region", what: "the GuardDuty detector" },
  { type: "aws:securityhub/account:Account", scope: "region", what: "the Security Hub subscription" },
  { type: "aws:macie2/account:Account", scope: "region", what: "the Macie account" },
  { type: "aws:xray/encryptionConfig:EncryptionConfig", scope: "region", what: "the X-Ray encryption configuration" },
  { type: "aws:backup/regionSettings:RegionSettings", scope: "region", what: "the AWS Backup region settings" },
  { type: "aws:backup/globalSettings:GlobalSettings", scope: "account", what: "the AWS Backup global settings" },
  {
    type: "aws:costexplorer/anomalyMonitor:AnomalyMonitor",
    scope: "account",
    what: "the account's AWS services cost-anomaly monitor",
    key: (i) => (i.monitorType === "DIMENSIONAL" && i.monitorDimension === "SERVICE" ? "aws-services" : null),
  },
  { type: "aws:ec2/serialConsoleAccess:SerialConsoleAccess", scope: "region", what: "EC2 serial console access" },
  {
    type: "aws:ec2/imageBlockPublicAccess:ImageBlockPublicAccess",
    scope: "region",
    what: "the EC2 AMI block-public-access setting",
  },
];

/** The singleton a resource would create (its catalog entry and identity), or undefined. */
export function singletonOf(
  type: string,
  inputs: Readonly<Record<string, unknown>>,
): { singleton: AccountSingleton; id: string } | undefined {
  const singleton = ACCOUNT_SINGLETONS.find((s) => s.type === type);
  if (!singleton) return undefined;
  const key = singleton.key ? singleton.key(inputs) : "";
  if (key === null) return undefined;
  return { singleton, id: key ? `${type}:${key}` : type };
}
