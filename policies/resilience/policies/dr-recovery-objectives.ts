/**
 * The recovery budget of platform-rules/recovery-objectives.ts, checked again on what the stack really
 * declares: the config and FailoverDns validate their own arguments, but CI and `pulumi up` must
 * also refuse a health check or record edited elsewhere (or a component that forgot to validate).
 * Interval and threshold come from the health check, the TTL from the failover records, every
 * other term (paging, decision, promotion, the gate's latency, heartbeat) from the objective
 * tags `objectiveTags` wrote from `platform:dr`.
 */
import { assessRecoveryObjectives, GATE_TAGS, OBJECTIVE_TAGS, objectivesFromTags } from "../../../platform-rules/recovery-objectives";
import { judgeEach } from "../../lib/judge";
import { asArray, asObject, dependsThrough, peek } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const RECORD = "aws:route53/record:Record";
/** What Route 53 uses when the health check leaves them unset. */
const ROUTE53_DEFAULT_INTERVAL_SECONDS = 30;
const ROUTE53_DEFAULT_FAILURE_THRESHOLD = 3;

const carriesObjectives = (check: PolicyResource): boolean => {
  const tags = asObject(check.props["tags"]);
  return !!tags && [...Object.values(OBJECTIVE_TAGS), ...Object.values(GATE_TAGS)].some((tag) => tag in tags);
};

const isFailoverRecord = (r: PolicyResource): boolean => r.type === RECORD && asArray(r.props["failoverRoutingPolicies"]).length > 0;

/** The failover records routed by `check` plus their partners (same name and zone): resolvers may cache either answer. */
function failoverRecordsOf(check: PolicyResource, records: readonly PolicyResource[]): PolicyResource[] {
  const routed = records.filter((r) => dependsThrough(r, "healthCheckId").has(check.urn));
  const names = new Set(routed.map((r) => `${String(peek(r.props, "zoneId"))}|${String(peek(r.props, "name"))}`));
  return records.filter((r) => routed.includes(r) || names.has(`${String(peek(r.props, "zoneId"))}|${String(peek(r.props, "name"))}`));
}

const numberOr = (value: unknown, fallback: number): number => (typeof value === "number" ? value : fallback);

export const drRecoveryObjectives = stackPolicy({
  name: "dr-recovery-objectives",
  description: "The DR failover's worst case (detection, paging, decision, promotion, gate latency, TTL) fits the RTO, and the replication-lag alarm (threshold, heartbeat, sampling, alarm period) fires within the RPO tagged on the primary health check.",
  enforcementLevel: "mandatory",
  pci: ["12.10.1"],
  resourceTypes: [HEALTH_CHECK, `${RECORD} (failover)`],
  fix: "Cut the platform:dr keys the message lists (dns.ttlSeconds, dns.healthCheckIntervalSeconds, dns.failureThreshold, pagingSeconds, decisionMinutes, promotionMinutes, gate.*) or raise platform:dr.rtoMinutes; keep replicationLagAlarmSeconds + heartbeatIntervalSeconds + gate.monitorScheduleSeconds + gate.alarmPeriodSeconds within platform:dr.rpoMinutes.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const checks = args.resources.filter((r) => r.type === HEALTH_CHECK && carriesObjectives(r));
    if (checks.length === 0) args.notApplicable("No Route 53 health check carries the DR objective tags (DR disabled)");
    const records = args.resources.filter(isFailoverRecord);
    judgeEach(checks, report, (check) => {
      const read = objectivesFromTags(asObject(check.props["tags"]));
      if ("missing" in read) {
        report(`${check.name} carries DR objective tags but ${read.missing.join(", ")} ${read.missing.length === 1 ? "is" : "are"} missing or not whole numbers: tag it with objectiveTags() from platform-rules/recovery-objectives.ts (platform:dr).`, check.urn);
        return;
      }
      const routed = failoverRecordsOf(check, records);
      const ttls = routed.map((r) => r.props["ttl"]).filter((t): t is number => typeof t === "number");
      if (ttls.length === 0) {
        report(`${check.name} carries the DR objectives but routes no failover record with a ttl, so the RTO cannot be checked: set it as the PRIMARY failover record's healthCheckId.`, check.urn);
        return;
      }
      const interval = numberOr(check.props["requestInterval"], ROUTE53_DEFAULT_INTERVAL_SECONDS);
      const threshold = numberOr(check.props["failureThreshold"], ROUTE53_DEFAULT_FAILURE_THRESHOLD);
      const ttl = Math.max(...ttls);
      const slowest = routed.find((r) => r.props["ttl"] === ttl)?.name ?? "the failover records";
      const a = assessRecoveryObjectives({ ...read.objectives, healthCheckIntervalSeconds: interval, failureThreshold: threshold, ttlSeconds: ttl });
      for (const problem of a.problems) {
        const where = problem.field === "rtoMinutes" ? ` (health check ${check.name}, slowest TTL on ${slowest})` : "";
        report(`${check.name}: platform:dr.${problem.field}: ${problem.message}${where}.`, check.urn);
      }
    });
  },
});
