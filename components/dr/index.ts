export { assessRecoveryObjectives, objectiveTags, objectivesFromTags, OBJECTIVE_TAGS, DR_ALARM_PERIOD_SECONDS, ROUTE53_ALARM_CHECK_LAG_SECONDS, type RecoveryAssessment, type RecoveryObjectivesInput, type RecoveryProblem } from "./objectives";
export { CrossCloudVpn, crossCloudVpnArgsProblems, IPSEC_PROPOSAL, type CrossCloudVpnArgs, type VpnGatewaySku } from "./vpn";
export { FailoverDns, failoverDnsArgsProblems, PROMOTED_METRIC, type FailoverDnsArgs } from "./failover-dns";
export { ReplicationLagAlarm, replicationLagAlarmArgsProblems, LAG_METRIC, type ReplicationLagAlarmArgs } from "./replication-alarm";
export { ReplicationMonitor, replicationMonitorArgsProblems, STANDBY_MONITOR_USER, type ReplicationMonitorArgs } from "./replication-monitor";
