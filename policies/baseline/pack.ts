import type { PackDefinition } from "../lib/types";
import { allowedProviderPackages } from "./policies/allowed-provider-packages";
import { apiAuthorizationRequired } from "./policies/api-authorization-required";
import { apiGatewayLogging } from "./policies/api-gateway-logging";
import { appServiceHardening } from "./policies/app-service-hardening";
import { azureDiagnosticSettings } from "./policies/azure-diagnostic-settings";
import { cloudtrailConfigured } from "./policies/cloudtrail-configured";
import { databaseBackupProtection } from "./policies/database-backup-protection";
import { defaultSecurityGroupClosed } from "./policies/default-security-group-closed";
import { dynamodbPitr } from "./policies/dynamodb-pitr";
import { iamNoAdminAccess } from "./policies/iam-no-admin-access";
import { iamNoInlinePolicies } from "./policies/iam-no-inline-policies";
import { iamNoPassroleWildcard } from "./policies/iam-no-passrole-wildcard";
import { iamNoUsers } from "./policies/iam-no-users";
import { iamTrustPolicyRestricted } from "./policies/iam-trust-policy-restricted";
import { keyVaultExpiry } from "./policies/key-vault-expiry";
import { logRetention } from "./policies/log-retention";
import { naclIngressRestricted } from "./policies/nacl-ingress-restricted";
import { noSecretsInEnvironment } from "./policies/no-secrets-in-environment";
import { nsgIngressRestricted } from "./policies/nsg-ingress-restricted";
import { rdsLogExports } from "./policies/rds-log-exports";
import { resourcePolicyNotPublic } from "./policies/resource-policy-not-public";
import { s3AccessLogging } from "./policies/s3-access-logging";
import { secretsManagerRotation } from "./policies/secrets-manager-rotation";
import { securityGroupIngressRestricted } from "./policies/security-group-ingress-restricted";
import { supportedRuntimes } from "./policies/supported-runtimes";
import { vpcFlowLogsEnabled } from "./policies/vpc-flow-logs-enabled";
import { wafLogging } from "./policies/waf-logging";
import { wafOnInternetFacingApis } from "./policies/waf-on-internet-facing-apis";

/** In control-family order: scope, network, identity, resource policies, logging, retention, WAF/API, credentials, platform hardening, resilience. */
export const baselinePack: PackDefinition = {
  name: "baseline",
  description:
    "PCI DSS v4.0.1 baseline controls beyond encryption: network exposure (1.3, 1.4), IAM and " +
    "resource policies (7.2, 8.2), logging and retention (10.2-10.5), WAF and API " +
    "authorization (6.4.2, 8.3), credential lifecycle (8.3.9, 8.6), App Service hardening and " +
    "supported runtimes (2.2, 6.3.3), database backups (12.10.1) and the provider allowlist " +
    "(12.5.1).",
  policies: [
    allowedProviderPackages,
    securityGroupIngressRestricted,
    defaultSecurityGroupClosed,
    naclIngressRestricted,
    nsgIngressRestricted,
    iamNoAdminAccess,
    iamNoPassroleWildcard,
    iamTrustPolicyRestricted,
    iamNoInlinePolicies,
    iamNoUsers,
    resourcePolicyNotPublic,
    cloudtrailConfigured,
    vpcFlowLogsEnabled,
    s3AccessLogging,
    rdsLogExports,
    apiGatewayLogging,
    wafLogging,
    azureDiagnosticSettings,
    logRetention,
    wafOnInternetFacingApis,
    apiAuthorizationRequired,
    secretsManagerRotation,
    keyVaultExpiry,
    noSecretsInEnvironment,
    appServiceHardening,
    supportedRuntimes,
    databaseBackupProtection,
    dynamodbPitr,
  ],
};
