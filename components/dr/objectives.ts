/**
 * RTO and RPO as numbers the code checks. `assessRecoveryObjectives` is pure: the stack config
 * (stacks/config/dr.ts), the FailoverDns component and the policy pack all call it, so the plan,
 * `pulumi up` and CI refuse a DNS or alarm setting that cannot meet the objectives.
 *
 * Worst-case failover timeline (docs/components/dr.md, "Recovery budget"):
 *   detection  = health-check interval × failure threshold   (Route 53 marks PRIMARY unhealthy)
 *   promotion  = promotionMinutes                             (runbook: fence, promote, verify)
 *   gate       = the "standby promoted" alarm period + Route 53's lag reading a CloudWatch alarm
 *   dns        = record TTL                                   (resolvers drop the old answer)
 * and the RTO must hold all four. The RPO holds when the replication-lag alarm fires (threshold
 * plus its evaluation period) before the lag reaches the RPO.
 */

/** Period of the CloudWatch alarms on the DR metrics (lag and "standby promoted"). */
export const DR_ALARM_PERIOD_SECONDS = 60;
/** Route 53 re-reads a CloudWatch-alarm health check's state about once a minute. */
export const ROUTE53_ALARM_CHECK_LAG_SECONDS = 60;

export interface RecoveryObjectivesInput {
  readonly rtoMinutes: number;
  readonly rpoMinutes: number;
  readonly promotionMinutes: number;
  readonly replicationLagAlarmSeconds: number;
  /** Route 53 health-check request interval: 10 or 30. */
  readonly healthCheckIntervalSeconds: number;
  readonly failureThreshold: number;
  readonly ttlSeconds: number;
}

export interface RecoveryProblem {
  /** The objectives field to change (config key under `platform:dr`). */
  readonly field: "rtoMinutes" | "replicationLagAlarmSeconds";
  readonly message: string;
}

export interface RecoveryAssessment {
  readonly detectionSeconds: number;
  readonly promotionSeconds: number;
  readonly gateSeconds: number;
  readonly dnsSeconds: number;
  /** detection + promotion + gate + dns. */
  readonly worstCaseSeconds: number;
  readonly rtoSeconds: number;
  /** RTO minus the worst case; negative when the RTO cannot be met. */
  readonly slackSeconds: number;
  /** When the lag alarm fires at the latest: threshold + one alarm period. */
  readonly lagAlarmLatestSeconds: number;
  readonly rpoSeconds: number;
  /** Empty when both objectives hold. */
  readonly problems: readonly RecoveryProblem[];
}

export function assessRecoveryObjectives(input: RecoveryObjectivesInput): RecoveryAssessment {
  const detectionSeconds = input.healthCheckIntervalSeconds * input.failureThreshold;
  const promotionSeconds = input.promotionMinutes * 60;
  const gateSeconds = DR_ALARM_PERIOD_SECONDS + ROUTE53_ALARM_CHECK_LAG_SECONDS;
  const dnsSeconds = input.ttlSeconds;
  const rtoSeconds = input.rtoMinutes * 60;
  const worstCaseSeconds = detectionSeconds + promotionSeconds + gateSeconds + dnsSeconds;
  const rpoSeconds = input.rpoMinutes * 60;
  const lagAlarmLatestSeconds = input.replicationLagAlarmSeconds + DR_ALARM_PERIOD_SECONDS;
  const problems: RecoveryProblem[] = [];

  const leftForPromotion = rtoSeconds - (detectionSeconds + gateSeconds + dnsSeconds);
  if (leftForPromotion < promotionSeconds) {
    problems.push({
      field: "rtoMinutes",
      message:
        `the RTO (${rtoSeconds} s) leaves ${leftForPromotion} s for promotion after detection ` +
        `(${input.healthCheckIntervalSeconds} s × ${input.failureThreshold} = ${detectionSeconds} s), ` +
        `the promotion gate (${gateSeconds} s) and DNS TTL (${dnsSeconds} s), but promotion takes ${promotionSeconds} s; ` +
        `lower dns.ttlSeconds, dns.healthCheckIntervalSeconds or dns.failureThreshold, or raise rtoMinutes`,
    });
  }
  if (lagAlarmLatestSeconds > rpoSeconds) {
    problems.push({
      field: "replicationLagAlarmSeconds",
      message:
        `the lag alarm fires at the latest ${lagAlarmLatestSeconds} s behind (threshold + ${DR_ALARM_PERIOD_SECONDS} s period), ` +
        `after the RPO (${rpoSeconds} s); set it to at most ${rpoSeconds - DR_ALARM_PERIOD_SECONDS}`,
    });
  }
  return {
    detectionSeconds,
    promotionSeconds,
    gateSeconds,
    dnsSeconds,
    worstCaseSeconds,
    rtoSeconds,
    slackSeconds: rtoSeconds - worstCaseSeconds,
    lagAlarmLatestSeconds,
    rpoSeconds,
    problems,
  };
}

/** Tag keys carrying the objectives on the primary health check, for the stack policy. */
export const OBJECTIVE_TAGS = {
  rtoMinutes: "DrRtoMinutes",
  rpoMinutes: "DrRpoMinutes",
  promotionMinutes: "DrPromotionMinutes",
  replicationLagAlarmSeconds: "DrReplicationLagAlarmSeconds",
} as const;

/** The objectives as resource tags (values are strings). */
export function objectiveTags(input: RecoveryObjectivesInput): Record<string, string> {
  return Object.fromEntries(Object.entries(OBJECTIVE_TAGS).map(([field, tag]) => [tag, String(input[field as keyof typeof OBJECTIVE_TAGS])]));
}

/**
 * Reads the objectives back from the tags `objectiveTags` wrote (for the policy engineer's stack
 * policy, which also reads interval/threshold from the health check and TTL from the records).
 * Returns undefined when a tag is missing or not a whole number.
 */
export function objectivesFromTags(tags: Readonly<Record<string, unknown>> | undefined): Pick<RecoveryObjectivesInput, keyof typeof OBJECTIVE_TAGS> | undefined {
  const out: Record<string, number> = {};
  for (const [field, tag] of Object.entries(OBJECTIVE_TAGS)) {
    const value = Number(tags?.[tag]);
    if (!Number.isInteger(value) || value <= 0) return undefined;
    out[field] = value;
  }
  return out as Pick<RecoveryObjectivesInput, keyof typeof OBJECTIVE_TAGS>;
}
