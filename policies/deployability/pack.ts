/**
 * The deployability pack: one policy per real-cloud failure class the mock engine cannot see.
 * `deployabilityPack.policies` is what runs (CrossGuard, the offline plan, policy:check, CI).
 * A new policy that today's plans still fail waits in WAITING, with its tests, until the fix
 * it waits for has landed on main; then it moves into REGISTERED (and config.json).
 */
import type { PackDefinition, PolicyDefinition } from "../lib/types";
import { accountSingletons } from "./policies/account-singletons";
import { apiGatewayDefaultEndpoint } from "./policies/api-gateway-default-endpoint";
import { apiGatewayEndpointAccessMode } from "./policies/api-gateway-endpoint-access-mode";
import { apiGatewayIntegrationResponseOrder } from "./policies/api-gateway-integration-response-order";
import { appInsightsRetention } from "./policies/app-insights-retention";
import { archiveTierRedundancy } from "./policies/archive-tier-redundancy";
import { armDeploymentIncremental } from "./policies/arm-deployment-incremental";
import { azureCmkAfterRoleAssignment } from "./policies/azure-cmk-after-role-assignment";
import { bastionNsgRequiredRules } from "./policies/bastion-nsg-required-rules";
import { azureRolePropagationWait } from "./policies/azure-role-propagation-wait";
import { cloudwatchAlarmPeriod } from "./policies/cloudwatch-alarm-period";
import { healthCheckProbeTls } from "./policies/health-check-probe-tls";
import { eventbridgeRateExpression } from "./policies/eventbridge-rate-expression";
import { configRulesAfterRecorder } from "./policies/config-rules-after-recorder";
import { flexConsumptionSiteConfig } from "./policies/flex-consumption-site-config";
import { lambdaAfterRolePolicies } from "./policies/lambda-after-role-policies";
import { logDeliveryAfterBucketPolicy } from "./policies/log-delivery-after-bucket-policy";
import { physicalNameLimits } from "./policies/physical-name-limits";
import { pinnedEngineVersionAutoUpgrade } from "./policies/pinned-engine-version-auto-upgrade";
import { resourcePolicyActionScope } from "./policies/resource-policy-action-scope";
import { snsDeliveryLogGroups } from "./policies/sns-delivery-log-groups";
import { snsTracingXrayPolicy } from "./policies/sns-tracing-xray-policy";
import { storageDiagnosticCategories } from "./policies/storage-diagnostic-categories";
import { wafLogDestinationName } from "./policies/waf-log-destination-name";
import { stackScopedNames } from "./policies/stack-scoped-names";
import { sqsVisibilityCoversLambdaTimeout } from "./policies/sqs-visibility-covers-lambda-timeout";
import { rdsBackupMaintenanceWindows } from "./policies/rds-backup-maintenance-windows";
import { bucketNotificationAfterPermission } from "./policies/bucket-notification-after-permission";
import { apiGatewayLoggingAfterAccount } from "./policies/api-gateway-logging-after-account";
import { logRetentionAllowedValues } from "./policies/log-retention-allowed-values";
import { keyVaultSecretValue } from "./policies/key-vault-secret-value";
import { kmsDeletionWindow } from "./policies/kms-deletion-window";
import { rdsProxyConnectionPool } from "./policies/rds-proxy-connection-pool";
import { logGroupArchived } from "./policies/log-group-archived";
import { logSubscriptionFilterLimit } from "./policies/log-subscription-filter-limit";

/** A policy held out of the run until main's plans pass it, and the fix it waits for. */
export interface WaitingPolicy {
  readonly definition: PolicyDefinition;
  readonly waitingFor: string;
}

const REGISTERED: readonly PolicyDefinition[] = [
  apiGatewayLoggingAfterAccount,
  bucketNotificationAfterPermission,
  rdsBackupMaintenanceWindows,
  sqsVisibilityCoversLambdaTimeout,
  accountSingletons,
  apiGatewayDefaultEndpoint,
  apiGatewayEndpointAccessMode,
  apiGatewayIntegrationResponseOrder,
  configRulesAfterRecorder,
  flexConsumptionSiteConfig,
  lambdaAfterRolePolicies,
  logDeliveryAfterBucketPolicy,
  logRetentionAllowedValues,
  logGroupArchived,
  logSubscriptionFilterLimit,
  physicalNameLimits,
  pinnedEngineVersionAutoUpgrade,
  resourcePolicyActionScope,
  snsDeliveryLogGroups,
  snsTracingXrayPolicy,
  storageDiagnosticCategories,
  wafLogDestinationName,
  appInsightsRetention,
  archiveTierRedundancy,
  armDeploymentIncremental,
  azureCmkAfterRoleAssignment,
  bastionNsgRequiredRules,
  azureRolePropagationWait,
  cloudwatchAlarmPeriod,
  healthCheckProbeTls,
  eventbridgeRateExpression,
  keyVaultSecretValue,
  stackScopedNames,
  kmsDeletionWindow,
  rdsProxyConnectionPool,
];

export const WAITING: readonly WaitingPolicy[] = [];

export const deployabilityPack: PackDefinition = {
  name: "deployability",
  description:
    "Deployability: every known real-cloud deploy failure the mock engine cannot see " +
    "(service-scoped policy actions, orderings a service requires, pinned versions under " +
    "auto-upgrade, weak default endpoints, physical-name limits, account singletons, values " +
    "outside a service's allowed set).",
  policies: REGISTERED,
};

/** Every policy of the pack, registered or waiting (tests and docs of the pack's own folder). */
export const ALL_DEPLOYABILITY_POLICIES: readonly PolicyDefinition[] = [
  ...REGISTERED,
  ...WAITING.map((w) => w.definition),
];
