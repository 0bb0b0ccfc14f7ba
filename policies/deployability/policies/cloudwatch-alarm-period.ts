/**
 * CloudWatch alarm periods are 10, 20, 30 or a multiple of 60 seconds, and period × evaluation
 * periods may not exceed one day (periods under an hour) or seven days: PutMetricAlarm refuses
 * anything else. An alarm a Route 53 health check reads (type CLOUDWATCH_METRIC) must also be on a
 * standard-resolution metric, so a multiple of 60, with a plain statistic (no extended
 * statistics such as p99): Route 53 does not support the others and the health check never
 * reflects the alarm. The rules are platform facts (platform-rules/aws-timing.ts) the DR gate's
 * alarms (platform:dr.gate.alarmPeriodSeconds) are validated with.
 *
 * Sources: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 * (Period, EvaluationPeriods), https://docs.aws.amazon.com/Route53/latest/APIReference/API_AlarmIdentifier.html
 * (standard-resolution metrics; Average, Minimum, Maximum, Sum, SampleCount).
 */
import { alarmPeriodProblem, alarmWindowProblem } from "../../../platform-rules/aws-timing";
import { judgeEach } from "../../lib/judge";
import { dependsThrough } from "../../lib/props";
import { stackPolicy } from "../../lib/types";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";

export const cloudwatchAlarmPeriod = stackPolicy({
  name: "cloudwatch-alarm-period",
  description:
    "CloudWatch metric alarms use a period CloudWatch accepts (10, 20, 30 or a multiple of 60 s; period × evaluation periods within its limit), and alarms a Route 53 health check reads use a standard-resolution period and a plain statistic.",
  enforcementLevel: "mandatory",
  pci: ["10.7.2"],
  resourceTypes: [ALARM, `${HEALTH_CHECK} (CLOUDWATCH_METRIC)`],
  fix: "Use a period of 60 s or a multiple of it (10, 20 or 30 only on high-resolution metrics), keep period × evaluationPeriods within a day (seven days for hourly periods), and give alarms that Route 53 reads a multiple of 60 and Average/Minimum/Maximum/Sum/SampleCount.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const alarms = args.resources.filter((r) => r.type === ALARM);
    const readByRoute53 = new Set(
      args.resources
        .filter((r) => r.type === HEALTH_CHECK && r.props["type"] === "CLOUDWATCH_METRIC")
        .flatMap((c) => [...dependsThrough(c, "cloudwatchAlarmName")]),
    );
    judgeEach(alarms, report, (alarm) => {
      const period = alarm.props["period"];
      const evaluations = alarm.props["evaluationPeriods"];
      const route53 = readByRoute53.has(alarm.urn);
      if (typeof period === "number") {
        const problem = alarmPeriodProblem(period, route53 ? "standard" : "high");
        if (problem)
          report(
            `${alarm.name}: period ${problem}${route53 ? " (a Route 53 health check reads this alarm)" : ""}.`,
            alarm.urn,
          );
        else if (typeof evaluations === "number") {
          const window = alarmWindowProblem(period, evaluations);
          if (window) report(`${alarm.name}: ${window}; PutMetricAlarm refuses it.`, alarm.urn);
        }
      }
      if (route53 && alarm.props["extendedStatistic"] !== undefined)
        report(
          `${alarm.name}: extendedStatistic ${JSON.stringify(alarm.props["extendedStatistic"])} on an alarm a Route 53 ` +
            `health check reads: Route 53 supports only Average, Minimum, Maximum, Sum and SampleCount.`,
          alarm.urn,
        );
    });
  },
});
