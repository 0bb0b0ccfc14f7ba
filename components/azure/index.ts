export {
  AzureStandby,
  azureStandbyArgsProblems,
  API_KEYS_SECRET,
  DEPLOYMENT_CONTAINER,
  STANDBY_DB_USER,
  type AzureStandbyArgs,
} from "./standby";
export {
  StandbyFrontDoor,
  standbyFrontDoorArgsProblems,
  DEFAULT_CERTIFICATE_NAME,
  MANAGED_RULE_SETS,
  type StandbyFrontDoorArgs,
} from "./front-door";
export { StandbyAlerts, standbyAlertsArgsProblems, WEB_TEST_LOCATIONS, type StandbyAlertsArgs } from "./alerts";
export { OperatorAccess, operatorAccessArgsProblems, type OperatorAccessArgs } from "./operator-access";
export { standbySubnets, SUBNET_NAMES, type StandbySubnet } from "./addressing";
export { nsgRules, StandbyNetwork, type StandbyNetworkArgs, type PrivateZone } from "./network";
export { StandbyVault, KEY_ROTATION_POLICY, type StandbyVaultArgs, type KeyProtection } from "./key-vault";
export { StandbyPostgres, serverParameters, type StandbyPostgresArgs } from "./postgres";
export { StandbyStorage, lifecycleRules, type StandbyStorageArgs, type TierProfile } from "./storage";
export { StandbyFunctionApp, type StandbyFunctionAppArgs } from "./function-app";
export { StandbyMonitoring, type StandbyMonitoringArgs } from "./monitoring";
export { sendDiagnostics, type DiagnosticSignals } from "./diagnostics";
export {
  BUILT_IN_ROLES,
  DEFAULT_RBAC_PROPAGATION_SECONDS,
  grant,
  propagationSecondsProblem,
  propagationWait,
  roleDefinitionId,
  type BuiltInRole,
} from "./roles";
