/**
 * Where this catalog departs from the conformance-pack reference, each with its reason. The
 * reference (aws-pci-conformance-packs.json) is kept verbatim so a diff against a newer pack
 * stays readable; every change lives here.
 */

export interface ParameterCorrection {
  readonly parameters: Readonly<Record<string, string>>;
  /** Why the pack's value was replaced; shown in docs/compliance/config-rules.md. */
  readonly reason: string;
}

/** Corrected inputParameters, checked against each managed rule's documentation. */
export const PARAMETER_CORRECTIONS: Readonly<Record<string, ParameterCorrection>> = {
  IAM_PASSWORD_POLICY: {
    parameters: {
      MinimumPasswordLength: "12",
      MaxPasswordAge: "90",
      PasswordReusePrevention: "4",
      RequireLowercaseCharacters: "true",
      RequireUppercaseCharacters: "true",
      RequireNumbers: "true",
      RequireSymbols: "true",
    },
    reason:
      "PCI DSS v4.0.1 8.3.6 requires at least 12 characters (the 3.2.1 pack used 7); character classes all required.",
  },
  LAMBDA_FUNCTION_SETTINGS_CHECK: {
    parameters: { runtime: "nodejs22.x" },
    reason:
      "The pack listed deprecated runtimes (nodejs18.x, nodejs20.x, python3.9, java8.al2); the platform runs nodejs22.x only.",
  },
  ALB_DESYNC_MODE_CHECK: {
    parameters: { desyncMode: "defensive,strictest" },
    reason: "The pack value was malformed (stray quotes); the parameter is a comma-separated list.",
  },
  API_GW_ENDPOINT_TYPE_CHECK: {
    parameters: { endpointConfigurationTypes: "REGIONAL,PRIVATE" },
    reason:
      "The pack allowed REGIONAL, PRIVATE and EDGE, i.e. everything; EDGE serves from CloudFront edges outside the region lock.",
  },
  EKS_CLUSTER_OLDEST_SUPPORTED_VERSION: {
    parameters: { oldestVersionSupported: "1.31" },
    reason: "The pack's 1.2 predates every supported EKS version.",
  },
  CW_LOGGROUP_RETENTION_PERIOD_CHECK: {
    parameters: { MinRetentionTime: "365" },
    reason: "Made explicit: PCI DSS 10.5.1 keeps audit logs 12 months.",
  },
  S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC: {
    parameters: {
      BlockPublicAcls: "True",
      BlockPublicPolicy: "True",
      IgnorePublicAcls: "True",
      RestrictPublicBuckets: "True",
    },
    reason: "Spelled as the rule documents its values (True).",
  },
  RESTRICTED_INCOMING_TRAFFIC: {
    parameters: {
      blockedPort1: "20",
      blockedPort2: "21",
      blockedPort3: "3389",
      blockedPort4: "3306",
      blockedPort5: "5432",
    },
    reason:
      "Port 4333 (mSQL) replaced by 5432, the platform's Aurora PostgreSQL port, which must never be open to 0.0.0.0/0.",
  },
  IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS: {
    parameters: { blockedActionsPatterns: "kms:Decrypt,kms:ReEncryptFrom" },
    reason: "Comma-separated without spaces, as the CSV parameter expects.",
  },
  IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS: {
    parameters: { blockedActionsPatterns: "kms:Decrypt,kms:ReEncryptFrom" },
    reason: "Comma-separated without spaces, as the CSV parameter expects.",
  },
  S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED: {
    parameters: {
      blacklistedActionPattern:
        "s3:DeleteBucketPolicy,s3:PutBucketAcl,s3:PutBucketPolicy,s3:PutEncryptionConfiguration,s3:PutObjectAcl",
    },
    reason: "Comma-separated without spaces, as the CSV parameter expects.",
  },
  ECS_NO_ENVIRONMENT_SECRETS: {
    parameters: { secretKeys: "AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY,ECS_ENGINE_AUTH_DATA" },
    reason: "Comma-separated without spaces, as the CSV parameter expects.",
  },
  SECRETSMANAGER_SECRET_PERIODIC_ROTATION: {
    parameters: { maxDaysSinceRotation: "90" },
    reason: "Made explicit: PCI DSS 8.3.9 / 8.6.3 change period.",
  },
  SECRETSMANAGER_SECRET_UNUSED: {
    parameters: { unusedForDays: "90" },
    reason: "Made explicit: PCI DSS 8.2.6 removes inactive credentials within 90 days.",
  },
};

/**
 * Resource types a rule without a pack scope reports on (periodic rules). Account-wide rules
 * report on AWS::::Account; rules about one service name that service's type so they apply only
 * where it is deployed.
 */
export const UNSCOPED_EVALUATES: Readonly<Record<string, readonly string[]>> = {
  ACCESS_KEYS_ROTATED: ["AWS::IAM::User"],
  ACCOUNT_PART_OF_ORGANIZATIONS: ["AWS::::Account"],
  ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK: ["AWS::ElasticLoadBalancingV2::LoadBalancer"],
  API_GWV2_ACCESS_LOGS_ENABLED: ["AWS::ApiGatewayV2::Stage"],
  ATHENA_WORKGROUP_ENCRYPTED_AT_REST: ["AWS::Athena::WorkGroup"],
  CLOUDTRAIL_S3_DATAEVENTS_ENABLED: ["AWS::::Account"],
  CLOUDTRAIL_SECURITY_TRAIL_ENABLED: ["AWS::::Account"],
  CLOUDWATCH_ALARM_RESOURCE_CHECK: ["AWS::EC2::Instance"], // the pack's resourceType parameter
  CLOUDWATCH_LOG_GROUP_ENCRYPTED: ["AWS::Logs::LogGroup"],
  CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED: ["AWS::::Account"],
  CLOUD_TRAIL_ENABLED: ["AWS::::Account"],
  CLOUD_TRAIL_ENCRYPTION_ENABLED: ["AWS::::Account"],
  CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED: ["AWS::::Account"],
  CMK_BACKING_KEY_ROTATION_ENABLED: ["AWS::KMS::Key"],
  DMS_REPLICATION_NOT_PUBLIC: ["AWS::DMS::ReplicationInstance"],
  EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK: ["AWS::EC2::Volume"],
  EC2_EBS_ENCRYPTION_BY_DEFAULT: ["AWS::EC2::Volume"],
  EC2_TRANSIT_GATEWAY_AUTO_VPC_ATTACH_DISABLED: ["AWS::EC2::TransitGateway"],
  ECS_TASK_DEFINITION_LOG_CONFIGURATION: ["AWS::ECS::TaskDefinition"],
  EFS_ENCRYPTED_CHECK: ["AWS::EFS::FileSystem"],
  ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK: ["AWS::ElastiCache::CacheCluster"],
  ELASTICSEARCH_ENCRYPTED_AT_REST: ["AWS::Elasticsearch::Domain"],
  ELASTICSEARCH_IN_VPC_ONLY: ["AWS::Elasticsearch::Domain"],
  ELBV2_ACM_CERTIFICATE_REQUIRED: ["AWS::ElasticLoadBalancingV2::LoadBalancer"],
  EMR_KERBEROS_ENABLED: ["AWS::EMR::Cluster"],
  EMR_MASTER_NO_PUBLIC_IP: ["AWS::EMR::Cluster"],
  GUARDDUTY_ENABLED_CENTRALIZED: ["AWS::::Account"],
  IAM_PASSWORD_POLICY: ["AWS::::Account"],
  IAM_POLICY_IN_USE: ["AWS::::Account"],
  IAM_ROOT_ACCESS_KEY_CHECK: ["AWS::::Account"],
  IAM_USER_MFA_ENABLED: ["AWS::IAM::User"],
  IAM_USER_UNUSED_CREDENTIALS_CHECK: ["AWS::IAM::User"],
  MACIE_AUTO_SENSITIVE_DATA_DISCOVERY_CHECK: ["AWS::::Account"],
  MACIE_STATUS_CHECK: ["AWS::::Account"],
  MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS: ["AWS::IAM::User"],
  MULTI_REGION_CLOUD_TRAIL_ENABLED: ["AWS::::Account"],
  NEPTUNE_CLUSTER_CLOUDWATCH_LOG_EXPORT_ENABLED: ["AWS::Neptune::DBCluster"],
  NEPTUNE_CLUSTER_IAM_DATABASE_AUTHENTICATION: ["AWS::Neptune::DBCluster"],
  NEPTUNE_CLUSTER_SNAPSHOT_ENCRYPTED: ["AWS::Neptune::DBCluster"],
  NEPTUNE_CLUSTER_SNAPSHOT_PUBLIC_PROHIBITED: ["AWS::Neptune::DBCluster"],
  RDS_DB_SECURITY_GROUP_NOT_ALLOWED: ["AWS::RDS::DBSecurityGroup"],
  ROOT_ACCOUNT_HARDWARE_MFA_ENABLED: ["AWS::::Account"],
  ROOT_ACCOUNT_MFA_ENABLED: ["AWS::::Account"],
  S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC: ["AWS::::Account"],
  SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED: ["AWS::SageMaker::EndpointConfig"],
  SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED: ["AWS::SageMaker::NotebookInstance"],
  SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS: ["AWS::SageMaker::NotebookInstance"],
  SECURITYHUB_ENABLED: ["AWS::::Account"],
  SHIELD_DRT_ACCESS: ["AWS::::Account"],
  SSM_DOCUMENT_NOT_PUBLIC: ["AWS::SSM::Document"],
  VPC_FLOW_LOGS_ENABLED: ["AWS::EC2::VPC"],
  WAFV2_LOGGING_ENABLED: ["AWS::WAFv2::WebACL"],
};

/**
 * Rules whose pack scope is broader than what they check. AWS Config reports DocumentDB and
 * Neptune clusters as AWS::RDS::DBCluster, and the EMR block-public-access setting as
 * AWS::::Account, so the scope alone would select them for a platform without those services.
 */
export const EVALUATES_OVERRIDE: Readonly<Record<string, string>> = {
  EMR_BLOCK_PUBLIC_ACCESS: "AWS::EMR::Cluster",
  DOCDB_CLUSTER_ENCRYPTED: "AWS::DocDB::DBCluster",
  DOCDB_CLUSTER_SNAPSHOT_PUBLIC_PROHIBITED: "AWS::DocDB::DBCluster",
  NEPTUNE_CLUSTER_BACKUP_RETENTION_CHECK: "AWS::Neptune::DBCluster",
  NEPTUNE_CLUSTER_ENCRYPTED: "AWS::Neptune::DBCluster",
};

/** Rules that cannot be deployed from the catalog alone: they need an input only the operator can write. */
export const UNDEPLOYABLE: Readonly<Record<string, string>> = {
  S3_BUCKET_POLICY_NOT_MORE_PERMISSIVE:
    "its controlPolicy parameter must be a bucket policy (at most 1024 characters) bounding " +
    'cross-account access; the pack\'s value "1024" is the length limit, not a policy',
};

/**
 * Applicable rules the platform leaves out by default, with the reason an assessor reads.
 * `platform:compliance.addRules` puts one back.
 */
export const DEFAULT_EXCLUSIONS: Readonly<Record<string, string>> = {
  ACCOUNT_PART_OF_ORGANIZATIONS: "Organization membership is owned by the landing zone, not this stack.",
  MACIE_STATUS_CHECK:
    "Sensitive-data discovery (Macie) is run by the security team's account, not enabled per workload.",
  MACIE_AUTO_SENSITIVE_DATA_DISCOVERY_CHECK:
    "Sensitive-data discovery (Macie) is run by the security team's account, not enabled per workload.",
  SHIELD_DRT_ACCESS:
    "Needs a Shield Advanced subscription, which the platform does not use (WAF rate limiting instead).",
  API_GW_CACHE_ENABLED_AND_ENCRYPTED:
    "The API stage cache is off (quotes must not be served stale); added automatically when platform:services.apiCache is encrypted.",
  API_GW_SSL_ENABLED:
    "Checks for a backend client certificate, which applies to HTTP integrations; the platform's integrations are Lambda proxy calls inside AWS.",
  LAMBDA_FUNCTION_SETTINGS_CHECK:
    "Compares timeout and memory for equality (defaults 3 s / 128 MB), so every tuned function fails; runtimes are enforced at preview instead.",
  CLOUDWATCH_ALARM_SETTINGS_CHECK:
    "Evaluates only alarms on the pack's metric (EC2 CPUUtilization), which the platform does not have.",
  S3_BUCKET_REPLICATION_ENABLED:
    "Cross-region replication conflicts with the region lock (us-east-1 only); versioning, AWS Backup and the Azure DR copy cover recovery.",
  S3_BUCKET_DEFAULT_LOCK_ENABLED:
    "Object Lock cannot be scoped to the audit bucket by type; log integrity is shown by CloudTrail log-file validation and versioning.",
  S3_BUCKET_MFA_DELETE_ENABLED:
    "MFA delete can only be set with root credentials, never from infrastructure code; versioning plus retain protection guard deletes.",
  RDS_IN_BACKUP_PLAN:
    "Aurora is backed up per cluster (AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN); an Aurora instance cannot be a backup-plan resource.",
  RDS_RESOURCES_PROTECTED_BY_BACKUP_PLAN:
    "Aurora is backed up per cluster (AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN); an Aurora instance cannot be a backup-plan resource.",
};
