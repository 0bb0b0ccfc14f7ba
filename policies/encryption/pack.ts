import type { PackDefinition } from "../lib/types";
import { apiGatewayTls } from "./policies/api-gateway-tls";
import { azureKeyVaultProtection } from "./policies/azure-key-vault-protection";
import { azurePostgresEncryptionCmk } from "./policies/azure-postgres-encryption-cmk";
import { azurePublicAccessDisabled } from "./policies/azure-public-access-disabled";
import { azureSecureTransport } from "./policies/azure-secure-transport";
import { azureStorageEncryptionCmk } from "./policies/azure-storage-encryption-cmk";
import { backupVaultCmk } from "./policies/backup-vault-cmk";
import { dynamodbTableCmk } from "./policies/dynamodb-table-cmk";
import { ebsVolumeCmk } from "./policies/ebs-volume-cmk";
import { kinesisCmk } from "./policies/kinesis-cmk";
import { kmsKeyRotation } from "./policies/kms-key-rotation";
import { lambdaEnvironmentCmk } from "./policies/lambda-environment-cmk";
import { loadBalancerTls } from "./policies/load-balancer-tls";
import { logGroupCmk } from "./policies/log-group-cmk";
import { rdsForceSsl } from "./policies/rds-force-ssl";
import { rdsNoPublicAccess } from "./policies/rds-no-public-access";
import { rdsPerformanceInsightsCmk } from "./policies/rds-performance-insights-cmk";
import { rdsStorageEncryptionCmk } from "./policies/rds-storage-encryption-cmk";
import { s3BucketEncryptionCmk } from "./policies/s3-bucket-encryption-cmk";
import { s3BucketPublicAccessBlock } from "./policies/s3-bucket-public-access-block";
import { s3BucketSecureTransport } from "./policies/s3-bucket-secure-transport";
import { secretCmk } from "./policies/secret-cmk";
import { snsTopicCmk } from "./policies/sns-topic-cmk";
import { sqsQueueCmk } from "./policies/sqs-queue-cmk";

export const encryptionPack: PackDefinition = {
  name: "encryption",
  description:
    "Encryption at rest with customer-managed keys, TLS 1.2+ in transit, key rotation and no public exposure (PCI DSS v4.0.1 1.3, 1.4, 3.5-3.7, 4.2).",
  policies: [
    apiGatewayTls,
    azureKeyVaultProtection,
    azurePostgresEncryptionCmk,
    azurePublicAccessDisabled,
    azureSecureTransport,
    azureStorageEncryptionCmk,
    backupVaultCmk,
    dynamodbTableCmk,
    ebsVolumeCmk,
    kinesisCmk,
    kmsKeyRotation,
    lambdaEnvironmentCmk,
    loadBalancerTls,
    logGroupCmk,
    rdsForceSsl,
    rdsNoPublicAccess,
    rdsPerformanceInsightsCmk,
    rdsStorageEncryptionCmk,
    s3BucketEncryptionCmk,
    s3BucketPublicAccessBlock,
    s3BucketSecureTransport,
    secretCmk,
    snsTopicCmk,
    sqsQueueCmk,
  ],
};
