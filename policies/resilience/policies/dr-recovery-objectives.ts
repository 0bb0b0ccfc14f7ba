/**
 * The recovery budget of platform-rules/recovery-objectives.ts, checked again on what the stack really
 * declares: the config and FailoverDns validate their own arguments, but CI and `pulumi up` must
 * also refuse a health check or record edited elsewhere (or a component that forgot to validate).
 * Interval and threshold come from the health check, the TTL from the failover records, every
 * other term (paging, decision, promotion, the gate's latency, heartbeat) from the objective
 * tags `objectiveTags` wrote from `platform:dr`.
 */
import {
  assessRecoveryObjectives,
  GATE_TAGS,
  OBJECTIVE_TAGS,
  objectivesFromTags,
} from "../../../platform-rules/recovery-objectives";
import { parseRateExpression } from "../../../platform-rules/aws-timing";
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

const isFailoverRecord = (r: PolicyResource): boolean =>
  r.type === RECORD && asArray(r.props["failoverRoutingPolicies"]).length > 0;

/**
 * The failover records routed by `check` (directly, or through a CALCULATED check that has it as
 * a child, as the gated PRIMARY does) plus their partners (same name and zone): resolvers may
 * cache either answer.
 */
function failoverRecordsOf(
  check: PolicyResource,
  records: readonly PolicyResource[],
  checks: readonly PolicyResource[],
): PolicyResource[] {
  const via = new Set([
    check.urn,
    ...checks.filter((c) => dependsThrough(c, "childHealthchecks").has(check.urn)).map((c) => c.urn),
  ]);
  const routed = records.filter((r) => [...dependsThrough(r, "healthCheckId")].some((urn) => via.has(urn)));
  const names = new Set(routed.map((r) => `${String(peek(r.props, "zoneId"))}|${String(peek(r.props, "name"))}`));
  return records.filter(
    (r) => routed.includes(r) || names.has(`${String(peek(r.props, "zoneId"))}|${String(peek(r.props, "name"))}`),
  );
}

const numberOr = (value: unknown, fallback: number): number => (typeof value === "number" ? value : fallback);

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const RULE = "aws:cloudwatch/eventRule:EventRule";
/** The DR metrics the gate and the RPO alarm read (services/dr-monitor publishes them). */
const GATE_METRIC = "StandbyPromoted";
const LAG_METRIC = "ReplicationLagSeconds";

/** Seconds between runs of an EventBridge rate expression; undefined for cron or an invalid rate (the deployability pack reports those). */
export function rateSeconds(expression: unknown): number | undefined {
  const parsed = parseRateExpression(expression);
  return parsed && "seconds" in parsed ? parsed.seconds : undefined;
}

/**
 * Where the declared DR timing disagrees with the tagged model: the DR alarms' periods (the
 * Platform/DR metric alarms, and the alarms on the tagged health check itself, which page the
 * on-call), the gate alarm's datapoints to turn OK (N - M + 1 of an M-of-N alarm) and the DR
 * monitor's schedule. The budget is only as true as these numbers: slower than counted breaks
 * the RTO/RPO; faster than counted is a model that no longer describes the deployment (and a
 * lag alarm period shorter than the schedule pages on the missing samples).
 */
function gateMismatches(
  resources: readonly PolicyResource[],
  check: PolicyResource,
  gate: { monitorScheduleSeconds: number; alarmPeriodSeconds: number; datapointsToOpen: number },
): Array<{ urn: string; message: string }> {
  const out: Array<{ urn: string; message: string }> = [];
  const drAlarms = resources.filter(
    (r) =>
      r.type === ALARM &&
      ((r.props["namespace"] === "Platform/DR" && [GATE_METRIC, LAG_METRIC].includes(String(r.props["metricName"]))) ||
        dependsThrough(r, "dimensions").has(check.urn)),
  );
  for (const alarm of drAlarms) {
    const period = alarm.props["period"];
    if (typeof period === "number" && period !== gate.alarmPeriodSeconds) {
      out.push({
        urn: alarm.urn,
        message:
          `${alarm.name} (${String(alarm.props["metricName"])}) has a ${period} s period, but the ` +
          `recovery budget counts platform:dr.gate.alarmPeriodSeconds ${gate.alarmPeriodSeconds} s: ` +
          `build the alarm from that key, or set it to ${period}.`,
      });
    }
    const n = alarm.props["evaluationPeriods"];
    const m = alarm.props["datapointsToAlarm"] ?? n;
    if (
      alarm.props["metricName"] === GATE_METRIC &&
      typeof n === "number" &&
      typeof m === "number" &&
      n - m + 1 > gate.datapointsToOpen
    ) {
      out.push({
        urn: alarm.urn,
        message:
          `${alarm.name} needs ${n - m + 1} healthy periods to open the gate (${m} of ${n}), but the ` +
          `recovery budget counts platform:dr.gate.datapointsToOpen ${gate.datapointsToOpen}: set ` +
          `that key to ${n - m + 1}.`,
      });
    }
  }
  for (const rule of resources.filter(
    (r) => r.type === RULE && /DR monitor/i.test(String(r.props["description"] ?? "")),
  )) {
    const every = rateSeconds(rule.props["scheduleExpression"]);
    if (every !== undefined && every !== gate.monitorScheduleSeconds) {
      out.push({
        urn: rule.urn,
        message:
          `${rule.name} runs the DR monitor every ${every} s, but the recovery budget counts ` +
          `platform:dr.gate.monitorScheduleSeconds ${gate.monitorScheduleSeconds} s: schedule it ` +
          `from that key (ReplicationMonitor scheduleSeconds), or set it to ${every}.`,
      });
    }
  }
  return out;
}

export const drRecoveryObjectives = stackPolicy({
  name: "dr-recovery-objectives",
  description:
    "The DR failover's worst case (detection, paging, decision, promotion, gate latency, TTL) " +
    "fits the RTO, the replication-lag alarm (threshold, heartbeat, sampling, alarm " +
    "period) fires within the RPO tagged on the primary health check, and the deployed DR " +
    "monitor schedule and DR alarm periods are the ones the model counts.",
  enforcementLevel: "mandatory",
  pci: ["12.10.1"],
  resourceTypes: [HEALTH_CHECK, `${RECORD} (failover)`, `${ALARM} (Platform/DR)`, `${RULE} (DR monitor)`],
  fix:
    "Cut the platform:dr keys the message lists (dns.ttlSeconds, " +
    "dns.healthCheckIntervalSeconds, dns.failureThreshold, pagingSeconds, decisionMinutes, " +
    "promotionMinutes, gate.*) or raise platform:dr.rtoMinutes; keep " +
    "replicationLagAlarmSeconds + heartbeatIntervalSeconds + gate.monitorScheduleSeconds + " +
    "gate.alarmPeriodSeconds within platform:dr.rpoMinutes.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const checks = args.resources.filter((r) => r.type === HEALTH_CHECK && carriesObjectives(r));
    if (checks.length === 0) args.notApplicable("No Route 53 health check carries the DR objective tags (DR disabled)");
    const records = args.resources.filter(isFailoverRecord);
    judgeEach(checks, report, (check) => {
      const read = objectivesFromTags(asObject(check.props["tags"]));
      if ("missing" in read) {
        report(
          `${check.name} carries DR objective tags but ${read.missing.join(", ")} ` +
            `${read.missing.length === 1 ? "is" : "are"} missing or not whole numbers: tag it with ` +
            `objectiveTags() from platform-rules/recovery-objectives.ts (platform:dr).`,
          check.urn,
        );
        return;
      }
      const routed = failoverRecordsOf(
        check,
        records,
        args.resources.filter((r) => r.type === HEALTH_CHECK),
      );
      const ttls = routed.map((r) => r.props["ttl"]).filter((t): t is number => typeof t === "number");
      if (ttls.length === 0) {
        report(
          `${check.name} carries the DR objectives but routes no failover record with a ttl, so the ` +
            `RTO cannot be checked: set it as the PRIMARY failover record's healthCheckId.`,
          check.urn,
        );
        return;
      }
      const interval = numberOr(check.props["requestInterval"], ROUTE53_DEFAULT_INTERVAL_SECONDS);
      const threshold = numberOr(check.props["failureThreshold"], ROUTE53_DEFAULT_FAILURE_THRESHOLD);
      const ttl = Math.max(...ttls);
      const slowest = routed.find((r) => r.props["ttl"] === ttl)?.name ?? "the failover records";
      const a = assessRecoveryObjectives({
        ...read.objectives,
        healthCheckIntervalSeconds: interval,
        failureThreshold: threshold,
        ttlSeconds: ttl,
      });
      for (const problem of a.problems) {
        const where = problem.field === "rtoMinutes" ? ` (health check ${check.name}, slowest TTL on ${slowest})` : "";
        report(`${check.name}: platform:dr.${problem.field}: ${problem.message}${where}.`, check.urn);
      }
      for (const mismatch of gateMismatches(args.resources, check, read.objectives.gate))
        report(mismatch.message, mismatch.urn);
    });
  },
});
