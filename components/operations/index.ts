export {
  AlertRouting,
  ALERT_SUCCESS_SAMPLE_RATE,
  alertRoutingArgsProblems,
  CHATBOT_REGIONS,
  SEVERITIES,
  type AlertRoute,
  type AlertRoutingArgs,
  type Severity,
} from "./alert-routing";
export { SecurityAlarms, SECURITY_METRIC_NAMESPACE, type SecurityAlarmsArgs } from "./security-alarms";
export {
  PlatformBackup,
  platformBackupArgsProblems,
  BACKUP_TAG_KEY,
  CONFIG_RULE_MIN_RETENTION_DAYS,
  type PlatformBackupArgs,
  type VaultLock,
} from "./backup";
export {
  AnomalyAlarms,
  AUDIT_ANOMALY_NAMESPACE,
  type AnomalyAlarmsArgs,
  type AnomalySignal,
  type AnomalyDirection,
} from "./anomaly-alarms";
export { LogArchive, logArchiveArgsProblems, type LogArchiveArgs, type ArchiveLockMode } from "./log-archive";
