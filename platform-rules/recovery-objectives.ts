/**
 * RTO and RPO as numbers the code checks. `assessRecoveryObjectives` is pure: the stack config
 * (stacks/config/dr.ts), the FailoverDns component and the resilience pack all call it, so the
 * plan, `pulumi up` and CI refuse a setting that cannot meet the objectives, and
 * `recoveryTimeline` renders the failover runbook's timeline from the same numbers.
 *
 * Worst-case failover, from the first failed health check (T) to clients reaching Azure:
 *   detection  = health-check interval × failure threshold        Route 53 marks PRIMARY unhealthy
 *   paging     = pagingSeconds                                     the page reaches the on-call, acknowledged
 *   decision   = decisionMinutes                                   the IC decides (runbook section 1)
 *   promotion  = promotionMinutes                                  pre-checks, fence, `dr promote`, verify
 *   gate       = monitor schedule + alarm period × datapoints to open
 *                + CloudWatch's evaluation + Route 53 reading the alarm
 *   dns        = record TTL                                        resolvers drop the cached PRIMARY answer
 * Every step waits for the one before it, so the RTO must hold their sum.
 *
 * Worst-case RPO alarm: the lag alarm must fire before the data at risk reaches the RPO. The
 * heartbeat over-reads by up to one heartbeat interval, the monitor samples it once per schedule
 * and the alarm needs one full period, so it fires at the latest
 *   threshold + heartbeat interval + sampling interval + alarm period.
 */

import { alarmPeriodProblem, alarmWindowProblem, scheduleSecondsProblem } from "./aws-timing";

/**
 * Default period of the DR alarms: the lag and "standby promoted" alarms on the DR metrics and
 * the Route 53 health-check alarms beside them (`platform:dr.gate.alarmPeriodSeconds`).
 */
export const DR_ALARM_PERIOD_SECONDS = 60;
/** Consecutive unhealthy periods before the "standby unhealthy" alarm fires (rides out one slow cold start). */
export const STANDBY_UNHEALTHY_PERIODS = 3;
/** Default time Route 53 needs to see a CloudWatch alarm's new state (it reads the alarm about once a minute). */
export const ROUTE53_ALARM_CHECK_LAG_SECONDS = 60;

/** The failover gate's latency terms (`platform:dr.gate`). */
export interface GateLatency {
  /** How often the DR monitor publishes its verdict (also the RPO's sampling interval). */
  readonly monitorScheduleSeconds: number;
  /** Period of the DR metric alarms (gate and replication lag). */
  readonly alarmPeriodSeconds: number;
  /** Healthy periods the gate alarm needs before it opens (its OK transition). */
  readonly datapointsToOpen: number;
  /** From the end of a period to CloudWatch changing the alarm state. */
  readonly alarmEvaluationSeconds: number;
  /** From the alarm state change to Route 53 answering SECONDARY. */
  readonly route53AlarmReadSeconds: number;
}

/** Everything but the DNS numbers: `platform:dr` keys, tagged on the primary health check. */
export interface RecoveryObjectives {
  readonly rtoMinutes: number;
  readonly rpoMinutes: number;
  readonly pagingSeconds: number;
  readonly decisionMinutes: number;
  readonly promotionMinutes: number;
  readonly replicationLagAlarmSeconds: number;
  readonly heartbeatIntervalSeconds: number;
  readonly gate: GateLatency;
}

/** The DNS numbers (`platform:dr.dns`), read by the pack from the health check and the records. */
export interface FailoverDnsTiming {
  /** Route 53 health-check request interval: 10 or 30. */
  readonly healthCheckIntervalSeconds: number;
  readonly failureThreshold: number;
  readonly ttlSeconds: number;
}

export type RecoveryObjectivesInput = RecoveryObjectives & FailoverDnsTiming;

/** Defaults of `platform:dr` (stacks/config/dr.ts uses these; one definition). */
export const DEFAULT_GATE: GateLatency = {
  monitorScheduleSeconds: 60,
  alarmPeriodSeconds: DR_ALARM_PERIOD_SECONDS,
  datapointsToOpen: 1,
  alarmEvaluationSeconds: 60,
  route53AlarmReadSeconds: ROUTE53_ALARM_CHECK_LAG_SECONDS,
};

export interface RecoveryProblem {
  /** The `platform:dr` key the message starts with (the config error is reported there). */
  readonly field: "rtoMinutes" | "replicationLagAlarmSeconds";
  readonly message: string;
}

export interface RecoveryStep {
  readonly step: "detection" | "paging" | "decision" | "promotion" | "gate" | "dns";
  readonly seconds: number;
  /** How the number is made, naming its platform:dr keys. */
  readonly source: string;
}

export interface RecoveryAssessment {
  readonly steps: readonly RecoveryStep[];
  readonly detectionSeconds: number;
  readonly pagingSeconds: number;
  readonly decisionSeconds: number;
  readonly promotionSeconds: number;
  readonly gateSeconds: number;
  readonly dnsSeconds: number;
  /** Sum of the steps. */
  readonly worstCaseSeconds: number;
  readonly rtoSeconds: number;
  /** RTO minus the worst case; negative when the RTO cannot be met. */
  readonly slackSeconds: number;
  /** When the lag alarm fires at the latest: threshold + heartbeat + sampling + period. */
  readonly lagAlarmLatestSeconds: number;
  readonly rpoSeconds: number;
  /** Empty when both objectives hold. */
  readonly problems: readonly RecoveryProblem[];
}

const KEY = "platform:dr";

/** A gate key (`platform:dr.gate.<field>`) AWS would refuse, or that would make the deployed alarms misfire. */
export interface GateTimingProblem {
  readonly field: keyof GateLatency;
  readonly message: string;
}

/**
 * Where the gate's schedule and alarm period are not something AWS deploys as the model counts
 * it. The monitor's EventBridge rate is whole minutes; the DR metrics are standard resolution
 * (EMF without StorageResolution) and Route 53 reads only standard-resolution alarms, so the
 * period is a multiple of 60; the lag alarm treats missing data as breaching, so a period
 * shorter than the schedule would hold periods without a sample and page for nothing; and
 * CloudWatch caps period × evaluation periods. Pure; the config, the DR components and the
 * resilience pack call it.
 */
export function gateTimingProblems(gate: GateLatency): readonly GateTimingProblem[] {
  const problems: GateTimingProblem[] = [];
  const schedule = scheduleSecondsProblem(gate.monitorScheduleSeconds);
  if (schedule) problems.push({ field: "monitorScheduleSeconds", message: schedule });
  const period = alarmPeriodProblem(gate.alarmPeriodSeconds, "standard");
  if (period)
    problems.push({
      field: "alarmPeriodSeconds",
      message: `${period} (the DR metrics and the Route 53 health-check metrics are standard resolution)`,
    });
  else if (!schedule && gate.alarmPeriodSeconds < gate.monitorScheduleSeconds)
    problems.push({
      field: "alarmPeriodSeconds",
      message:
        `must be at least ${KEY}.gate.monitorScheduleSeconds (${gate.monitorScheduleSeconds}): the replication-lag ` +
        `alarm treats missing data as breaching, so a ${gate.alarmPeriodSeconds} s period without a sample would page; got ${gate.alarmPeriodSeconds}`,
    });
  if (!period) {
    const window =
      alarmWindowProblem(gate.alarmPeriodSeconds, gate.datapointsToOpen) ??
      alarmWindowProblem(gate.alarmPeriodSeconds, STANDBY_UNHEALTHY_PERIODS);
    if (window) problems.push({ field: "alarmPeriodSeconds", message: `${window}: shorten it` });
  }
  return problems;
}

export function assessRecoveryObjectives(input: RecoveryObjectivesInput): RecoveryAssessment {
  const g = input.gate;
  const steps: RecoveryStep[] = [
    {
      step: "detection",
      seconds: input.healthCheckIntervalSeconds * input.failureThreshold,
      source: `${KEY}.dns.healthCheckIntervalSeconds ${input.healthCheckIntervalSeconds} s × dns.failureThreshold ${input.failureThreshold}`,
    },
    { step: "paging", seconds: input.pagingSeconds, source: `${KEY}.pagingSeconds ${input.pagingSeconds} s` },
    {
      step: "decision",
      seconds: input.decisionMinutes * 60,
      source: `${KEY}.decisionMinutes ${input.decisionMinutes} min`,
    },
    {
      step: "promotion",
      seconds: input.promotionMinutes * 60,
      source: `${KEY}.promotionMinutes ${input.promotionMinutes} min`,
    },
    {
      step: "gate",
      seconds:
        g.monitorScheduleSeconds +
        g.alarmPeriodSeconds * g.datapointsToOpen +
        g.alarmEvaluationSeconds +
        g.route53AlarmReadSeconds,
      source:
        `${KEY}.gate.monitorScheduleSeconds ${g.monitorScheduleSeconds} s + ` +
        `gate.alarmPeriodSeconds ${g.alarmPeriodSeconds} s × gate.datapointsToOpen ` +
        `${g.datapointsToOpen}` +
        ` + gate.alarmEvaluationSeconds ${g.alarmEvaluationSeconds} s + gate.route53AlarmReadSeconds ${g.route53AlarmReadSeconds} s`,
    },
    { step: "dns", seconds: input.ttlSeconds, source: `${KEY}.dns.ttlSeconds ${input.ttlSeconds} s` },
  ];
  const of = (step: RecoveryStep["step"]) => steps.find((s) => s.step === step)?.seconds ?? 0;
  const worstCaseSeconds = steps.reduce((sum, s) => sum + s.seconds, 0);
  const rtoSeconds = input.rtoMinutes * 60;
  const rpoSeconds = input.rpoMinutes * 60;
  const lagTerms = [
    input.replicationLagAlarmSeconds,
    input.heartbeatIntervalSeconds,
    g.monitorScheduleSeconds,
    g.alarmPeriodSeconds,
  ];
  const lagAlarmLatestSeconds = lagTerms.reduce((a, b) => a + b, 0);
  const problems: RecoveryProblem[] = [];

  if (worstCaseSeconds > rtoSeconds) {
    const over = worstCaseSeconds - rtoSeconds;
    problems.push({
      field: "rtoMinutes",
      message:
        `the worst-case failover takes ${worstCaseSeconds} s, over the RTO of ${rtoSeconds} s (${KEY}.rtoMinutes ${input.rtoMinutes}) by ${over} s: ` +
        steps.map((s) => `${s.step} ${s.seconds} s (${s.source})`).join(" + ") +
        `; cut ${over} s from these keys (for example ${KEY}.dns.ttlSeconds, dns.healthCheckIntervalSeconds, dns.failureThreshold) ` +
        `or raise ${KEY}.rtoMinutes to at least ${Math.ceil(worstCaseSeconds / 60)}`,
    });
  }
  if (lagAlarmLatestSeconds > rpoSeconds) {
    const room = rpoSeconds - (lagAlarmLatestSeconds - input.replicationLagAlarmSeconds);
    problems.push({
      field: "replicationLagAlarmSeconds",
      message:
        `the replication-lag alarm fires at the latest ${lagAlarmLatestSeconds} s behind, after ` +
        `the RPO of ${rpoSeconds} s (${KEY}.rpoMinutes ${input.rpoMinutes}): ` +
        `${KEY}.replicationLagAlarmSeconds ${input.replicationLagAlarmSeconds} s + heartbeatIntervalSeconds ${input.heartbeatIntervalSeconds} s + ` +
        `gate.monitorScheduleSeconds ${g.monitorScheduleSeconds} s (sampling) + gate.alarmPeriodSeconds ${g.alarmPeriodSeconds} s; ` +
        (room > 0 ? `set ${KEY}.replicationLagAlarmSeconds to at most ${room}, ` : "") +
        `shorten those intervals, or raise ${KEY}.rpoMinutes to at least ${Math.ceil(lagAlarmLatestSeconds / 60)}`,
    });
  }
  return {
    steps,
    detectionSeconds: of("detection"),
    pagingSeconds: of("paging"),
    decisionSeconds: of("decision"),
    promotionSeconds: of("promotion"),
    gateSeconds: of("gate"),
    dnsSeconds: of("dns"),
    worstCaseSeconds,
    rtoSeconds,
    slackSeconds: rtoSeconds - worstCaseSeconds,
    lagAlarmLatestSeconds,
    rpoSeconds,
    problems,
  };
}

const STEP_TITLES: Record<RecoveryStep["step"], string> = {
  detection: "Detection: Route 53 marks PRIMARY unhealthy",
  paging: "Page reaches the on-call and is acknowledged",
  decision: "Decision (section 1)",
  promotion: "Pre-checks + promotion (sections 3–4)",
  gate: "Gate opens (section 5): monitor verdict, alarm OK, Route 53 reads it",
  dns: "Resolvers drop the cached PRIMARY answer (TTL)",
};

const clock = (seconds: number) => `T+${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

/**
 * The failover runbook's timeline as a Markdown table: each step, its budget, when it ends at
 * the latest (T = first failed health check) and where the number comes from. Pure; the docs
 * generator writes it into docs/runbooks/failover.md from the prod stack's config.
 */
export function recoveryTimeline(input: RecoveryObjectivesInput): string {
  const a = assessRecoveryObjectives(input);
  let at = 0;
  const rows = a.steps.map((s) => {
    at += s.seconds;
    return `| ${STEP_TITLES[s.step]} | ${s.seconds} s | ${clock(at)} | ${s.source.replace(`${KEY}.`, "")} |`;
  });
  const verdict =
    a.slackSeconds >= 0 ? `${a.slackSeconds} s to spare` : `**${-a.slackSeconds} s over: the plan refuses this**`;
  return [
    "| Step | Budget | Ends by | From `platform:dr` |",
    "|---|---|---|---|",
    ...rows,
    `| **Total** | **${a.worstCaseSeconds} s (${(a.worstCaseSeconds / 60).toFixed(1)} min)** | ` +
      `${clock(a.worstCaseSeconds)} | RTO ${a.rtoSeconds} s (rtoMinutes ${input.rtoMinutes}): ` +
      `${verdict} |`,
    "",
    `Replication-lag alarm: fires at the latest ${a.lagAlarmLatestSeconds} s behind (replicationLagAlarmSeconds ${input.replicationLagAlarmSeconds} + ` +
      `heartbeatIntervalSeconds ${input.heartbeatIntervalSeconds} + gate.monitorScheduleSeconds ${input.gate.monitorScheduleSeconds} + ` +
      `gate.alarmPeriodSeconds ${input.gate.alarmPeriodSeconds}), within the RPO of ${a.rpoSeconds} s (rpoMinutes ${input.rpoMinutes}).`,
  ].join("\n");
}

/** Tag keys carrying the objectives on the primary health check, for the stack policy. */
export const OBJECTIVE_TAGS = {
  rtoMinutes: "DrRtoMinutes",
  rpoMinutes: "DrRpoMinutes",
  pagingSeconds: "DrPagingSeconds",
  decisionMinutes: "DrDecisionMinutes",
  promotionMinutes: "DrPromotionMinutes",
  replicationLagAlarmSeconds: "DrReplicationLagAlarmSeconds",
  heartbeatIntervalSeconds: "DrHeartbeatIntervalSeconds",
} as const;

/** Tag keys of the gate's latency terms. */
export const GATE_TAGS = {
  monitorScheduleSeconds: "DrGateScheduleSeconds",
  alarmPeriodSeconds: "DrGateAlarmPeriodSeconds",
  datapointsToOpen: "DrGateDatapointsToOpen",
  alarmEvaluationSeconds: "DrGateEvaluationSeconds",
  route53AlarmReadSeconds: "DrGateRoute53ReadSeconds",
} as const;

/** The objectives as resource tags (values are strings). */
export function objectiveTags(objectives: RecoveryObjectives): Record<string, string> {
  return {
    ...Object.fromEntries(
      Object.entries(OBJECTIVE_TAGS).map(([field, tag]) => [
        tag,
        String(objectives[field as keyof typeof OBJECTIVE_TAGS]),
      ]),
    ),
    ...Object.fromEntries(
      Object.entries(GATE_TAGS).map(([field, tag]) => [tag, String(objectives.gate[field as keyof GateLatency])]),
    ),
  };
}

/**
 * Reads the objectives back from the tags `objectiveTags` wrote (for the resilience pack, which
 * reads interval/threshold from the health check and the TTL from the records). Returns the
 * tag keys that are missing or not whole numbers (≥ 0; the RTO/RPO and datapoints ≥ 1) when it cannot.
 */
export function objectivesFromTags(
  tags: Readonly<Record<string, unknown>> | undefined,
): { objectives: RecoveryObjectives } | { missing: string[] } {
  const missing: string[] = [];
  const read = (tag: string, min: number): number => {
    const raw = tags?.[tag];
    const value = typeof raw === "string" && /^[0-9]+$/.test(raw) ? Number(raw) : typeof raw === "number" ? raw : NaN;
    if (!Number.isInteger(value) || value < min) missing.push(tag);
    return value;
  };
  const atLeastOne = new Set<string>([
    "rtoMinutes",
    "rpoMinutes",
    "monitorScheduleSeconds",
    "alarmPeriodSeconds",
    "datapointsToOpen",
  ]);
  const top = Object.fromEntries(
    Object.entries(OBJECTIVE_TAGS).map(([field, tag]) => [field, read(tag, atLeastOne.has(field) ? 1 : 0)]),
  );
  const gate = Object.fromEntries(
    Object.entries(GATE_TAGS).map(([field, tag]) => [field, read(tag, atLeastOne.has(field) ? 1 : 0)]),
  );
  if (missing.length > 0) return { missing };
  return { objectives: { ...(top as Omit<RecoveryObjectives, "gate">), gate: gate as unknown as GateLatency } };
}
