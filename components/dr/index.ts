export {
  assessRecoveryObjectives,
  recoveryTimeline,
  objectiveTags,
  objectivesFromTags,
  OBJECTIVE_TAGS,
  GATE_TAGS,
  DEFAULT_GATE,
  DR_ALARM_PERIOD_SECONDS,
  gateTimingProblems,
  STANDBY_UNHEALTHY_PERIODS,
  ROUTE53_ALARM_CHECK_LAG_SECONDS,
  type GateLatency,
  type RecoveryAssessment,
  type RecoveryObjectives,
  type RecoveryObjectivesInput,
  type RecoveryProblem,
  type RecoveryStep,
} from "../../platform-rules/recovery-objectives";
export {
  CrossCloudVpn,
  crossCloudVpnArgsProblems,
  IPSEC_PROPOSAL,
  type CrossCloudVpnArgs,
  type VpnGatewaySku,
} from "./vpn";
export { FailoverDns, failoverDnsArgsProblems, PROMOTED_METRIC, type FailoverDnsArgs } from "./failover-dns";
export {
  ReplicationLagAlarm,
  replicationLagAlarmArgsProblems,
  LAG_METRIC,
  type ReplicationLagAlarmArgs,
} from "./replication-alarm";
export {
  ReplicationMonitor,
  replicationMonitorArgsProblems,
  STANDBY_MONITOR_USER,
  type ReplicationMonitorArgs,
} from "./replication-monitor";
export { CrossCloudDns, crossCloudDnsArgsProblems, DEFAULT_TO_AZURE, type CrossCloudDnsArgs } from "./cross-cloud-dns";
export { GatePublisher, gatePublisherArgsProblems, type GatePublisherArgs } from "./gate-publisher";
