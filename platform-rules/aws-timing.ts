/**
 * What AWS accepts for schedules and alarm periods, defined once: the stack config, the
 * components' argument checks and the deployability pack all read these.
 *
 * - EventBridge rate expressions are `rate(value unit)`: a positive whole value, unit minute,
 *   hour or day, singular for 1 and plural otherwise; the finest rate is one minute.
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html
 * - CloudWatch alarm periods are 10, 20, 30 or a multiple of 60 seconds; 10/20/30 only make
 *   sense for high-resolution metrics (PutMetricData StorageResolution 1): on a standard metric
 *   such an alarm misses most periods and sits in INSUFFICIENT_DATA. Period × evaluation
 *   periods may not exceed one day for periods under an hour, seven days otherwise.
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 * - Route 53 health checks on CloudWatch alarms support standard-resolution metrics only, with
 *   the statistics Average, Minimum, Maximum, Sum and SampleCount (no extended statistics).
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_AlarmIdentifier.html
 */

const UNIT_SECONDS = { minute: 60, hour: 3600, day: 86400 } as const;
type Unit = keyof typeof UNIT_SECONDS;

/**
 * The EventBridge rate expression for a whole number of minutes, in the largest unit that
 * divides it (`rate(1 minute)`, `rate(2 minutes)`, `rate(1 hour)`). Throws on anything else:
 * callers validate first (`scheduleSecondsProblem`).
 */
export function rateExpression(seconds: number): string {
  const problem = scheduleSecondsProblem(seconds);
  if (problem) throw new Error(`rateExpression: ${problem}`);
  const unit: Unit = seconds % 86400 === 0 ? "day" : seconds % 3600 === 0 ? "hour" : "minute";
  const value = seconds / UNIT_SECONDS[unit];
  return `rate(${value} ${unit}${value === 1 ? "" : "s"})`;
}

/** Why `seconds` cannot be an EventBridge rate (whole minutes, at least one); undefined when it can. */
export function scheduleSecondsProblem(seconds: number): string | undefined {
  if (!Number.isInteger(seconds) || seconds < 60 || seconds % 60 !== 0)
    return `must be a whole number of minutes in seconds (60, 120, ...): EventBridge rates run at most once a minute, in whole minutes; got ${seconds}`;
  return undefined;
}

/**
 * Seconds between runs of an EventBridge rate expression, or the reason it is not a valid one
 * (`{ problem }`); `undefined` for anything that is not a rate expression (cron, tokens).
 */
export function parseRateExpression(expression: unknown): { seconds: number } | { problem: string } | undefined {
  if (typeof expression !== "string" || !expression.startsWith("rate(")) return undefined;
  const m = /^rate\((\d+) (minute|hour|day)(s?)\)$/.exec(expression);
  if (!m)
    return {
      problem: `${JSON.stringify(expression)} is not rate(<whole number> minute|minutes|hour|hours|day|days)`,
    };
  const value = Number(m[1]);
  const unit = m[2] as Unit;
  if (value < 1) return { problem: `${JSON.stringify(expression)}: the value must be at least 1` };
  if ((value === 1) !== (m[3] === ""))
    return {
      problem: `${JSON.stringify(expression)}: EventBridge wants the singular unit for 1 and the plural otherwise (rate(1 ${unit}), rate(${value === 1 ? 2 : value} ${unit}s))`,
    };
  return { seconds: value * UNIT_SECONDS[unit] };
}

/** Periods CloudWatch accepts only for high-resolution metrics. */
export const HIGH_RESOLUTION_PERIODS: readonly number[] = [10, 20, 30];

/**
 * Why `period` is not a CloudWatch alarm period for a metric of this resolution; undefined when
 * it is. `standard` metrics (every AWS service metric at one-minute granularity, EMF without a
 * StorageResolution, anything Route 53 reads) take multiples of 60 only.
 */
export function alarmPeriodProblem(period: number, resolution: "standard" | "high"): string | undefined {
  if (Number.isInteger(period) && period >= 60 && period % 60 === 0) return undefined;
  if (HIGH_RESOLUTION_PERIODS.includes(period))
    return resolution === "high"
      ? undefined
      : `${period} s needs a high-resolution metric (StorageResolution 1), and standard-resolution metrics (and every alarm a Route 53 health check reads) take a multiple of 60`;
  return `CloudWatch alarm periods are 10, 20, 30 or a multiple of 60 seconds; got ${period}`;
}

/** Why period × evaluationPeriods is longer than CloudWatch allows (one day under an hour's period, seven days otherwise). */
export function alarmWindowProblem(period: number, evaluationPeriods: number): string | undefined {
  const limit = period < 3600 ? 86400 : 604800;
  if (period * evaluationPeriods <= limit) return undefined;
  return `period ${period} s × ${evaluationPeriods} evaluation periods is ${period * evaluationPeriods} s, over CloudWatch's ${limit} s (${period < 3600 ? "one day for periods under an hour" : "seven days"})`;
}
