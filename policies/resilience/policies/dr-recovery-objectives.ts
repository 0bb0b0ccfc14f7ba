/**
 * The recovery budget of components/dr/objectives.ts, checked again on what the stack really
 * declares: the config and FailoverDns validate their own arguments, but CI and `pulumi up` must
 * also refuse a health check or record edited elsewhere (or a component that forgot to validate).
 */
import { assessRecoveryObjectives, DR_ALARM_PERIOD_SECONDS, OBJECTIVE_TAGS, objectivesFromTags } from "../../../components/dr/objectives";
import { asArray, asObject, dependsThrough, peek } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const RECORD = "aws:route53/record:Record";
/** What Route 53 uses when the health check leaves them unset. */
const ROUTE53_DEFAULT_INTERVAL_SECONDS = 30;
const ROUTE53_DEFAULT_FAILURE_THRESHOLD = 3;

const carriesObjectives = (check: PolicyResource): boolean => {
  const tags = asObject(check.props["tags"]);
  return !!tags && Object.values(OBJECTIVE_TAGS).some((tag) => tag in tags);
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
  description: "The DR primary health check's detection time, the failover records' TTL and the replication-lag alarm fit the RTO and RPO tagged on that health check.",
  enforcementLevel: "mandatory",
  pci: ["12.10.1"],
  resourceTypes: [HEALTH_CHECK, `${RECORD} (failover)`],
  fix: "Lower the failover records' ttl, the health check's requestInterval or failureThreshold (platform:dr.dns.*), or raise platform:dr.rtoMinutes; keep replicationLagAlarmSeconds at most the RPO minus the 60 s alarm period.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const checks = args.resources.filter((r) => r.type === HEALTH_CHECK && carriesObjectives(r));
    if (checks.length === 0) args.notApplicable("No Route 53 health check carries the DR objective tags (DR disabled)");
    const records = args.resources.filter(isFailoverRecord);
    for (const check of checks) {
      const objectives = objectivesFromTags(asObject(check.props["tags"]));
      if (!objectives) {
        report(`${check.name} carries DR objective tags but not all of ${Object.values(OBJECTIVE_TAGS).join(", ")} as positive whole numbers: tag it with objectiveTags() from components/dr/objectives.ts.`, check.urn);
        continue;
      }
      const routed = failoverRecordsOf(check, records);
      const ttls = routed.map((r) => r.props["ttl"]).filter((t): t is number => typeof t === "number");
      if (ttls.length === 0) {
        report(`${check.name} carries the DR objectives but routes no failover record with a ttl, so the RTO cannot be checked: set it as the PRIMARY failover record's healthCheckId.`, check.urn);
        continue;
      }
      const interval = numberOr(check.props["requestInterval"], ROUTE53_DEFAULT_INTERVAL_SECONDS);
      const threshold = numberOr(check.props["failureThreshold"], ROUTE53_DEFAULT_FAILURE_THRESHOLD);
      const ttl = Math.max(...ttls);
      const a = assessRecoveryObjectives({ ...objectives, healthCheckIntervalSeconds: interval, failureThreshold: threshold, ttlSeconds: ttl });
      for (const problem of a.problems) {
        if (problem.field === "rtoMinutes") {
          const left = a.rtoSeconds - (a.detectionSeconds + a.gateSeconds + a.dnsSeconds);
          const slowest = routed.find((r) => r.props["ttl"] === ttl)?.name ?? "the failover records";
          report(
            `${check.name}: detection ${interval} s × ${threshold} = ${a.detectionSeconds} s, the promotion gate ${a.gateSeconds} s and the DNS TTL ${ttl} s (${slowest}) ` +
              `leave ${left} s of the ${a.rtoSeconds} s RTO for promotion, which takes ${a.promotionSeconds} s (worst case ${a.worstCaseSeconds} s): ` +
              `lower the records' ttl, the health check's requestInterval or failureThreshold (platform:dr.dns.ttlSeconds, healthCheckIntervalSeconds, failureThreshold) ` +
              `by ${a.promotionSeconds - left} s in total, or raise platform:dr.rtoMinutes to at least ${Math.ceil(a.worstCaseSeconds / 60)}.`,
            check.urn,
          );
        } else {
          report(
            `${check.name}: the replication-lag alarm (threshold ${objectives.replicationLagAlarmSeconds} s + ${DR_ALARM_PERIOD_SECONDS} s period = ${a.lagAlarmLatestSeconds} s) ` +
              `can fire after the ${a.rpoSeconds} s RPO: set platform:dr.replicationLagAlarmSeconds to at most ${a.rpoSeconds - DR_ALARM_PERIOD_SECONDS}, or raise platform:dr.rpoMinutes.`,
            check.urn,
          );
        }
      }
    }
  },
});
