import { resource } from "../testing/fixtures";
import { describeCases } from "./testing";

const rule = (scheduleExpression: string) =>
  resource("aws:cloudwatch/eventRule:EventRule", "r", { description: "d", scheduleExpression });

describeCases("eventbridge-rate-expression", [
  {
    should: "report rate(1 minutes), which EventBridge refuses",
    resources: [rule("rate(1 minutes)")],
    violations: [/scheduleExpression "rate\(1 minutes\)": EventBridge wants the singular unit for 1/],
  },
  {
    should: "report rate(5 minute)",
    resources: [rule("rate(5 minute)")],
    violations: [/rate\(5 minutes\)\)/],
  },
  {
    should: "report rate(30 seconds), finer than a minute",
    resources: [rule("rate(30 seconds)")],
    violations: [/is not rate\(<whole number> minute/],
  },
  {
    should: "report a bad rate on an EventBridge Scheduler schedule too",
    resources: [resource("aws:scheduler/schedule:Schedule", "s", { scheduleExpression: "rate(0 hours)" })],
    violations: [/the value must be at least 1/],
  },
  {
    should: "pass rate(1 minute), rate(2 minutes) and cron expressions",
    resources: [
      rule("rate(1 minute)"),
      { ...rule("rate(2 minutes)"), urn: "urn:r2", name: "r2" },
      { ...rule("cron(0 6 * * ? *)"), urn: "urn:r3", name: "r3" },
    ],
    violations: [],
  },
]);

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const alarm = (inputs: Record<string, unknown>, name = "a") =>
  resource(ALARM, name, { metricName: "M", namespace: "N", evaluationPeriods: 1, ...inputs });
const gateCheck = (target: ReturnType<typeof alarm>) =>
  resource(
    "aws:route53/healthCheck:HealthCheck",
    "gate",
    { type: "CLOUDWATCH_METRIC", cloudwatchAlarmName: "a", cloudwatchAlarmRegion: "us-east-2" },
    { propertyDependencies: { cloudwatchAlarmName: [target.urn] } },
  );

describeCases("cloudwatch-alarm-period", [
  {
    should: "report a 45 s period",
    resources: [alarm({ period: 45 })],
    violations: [/a: period CloudWatch alarm periods are 10, 20, 30 or a multiple of 60 seconds; got 45/],
  },
  {
    should: "pass a 30 s period on an alarm nothing else reads (it may be high resolution)",
    resources: [alarm({ period: 30 })],
    violations: [],
  },
  {
    should: "report a 30 s period on an alarm a Route 53 health check reads",
    resources: (() => {
      const a = alarm({ period: 30 });
      return [a, gateCheck(a)];
    })(),
    violations: [/30 s needs a high-resolution metric .*\(a Route 53 health check reads this alarm\)/],
  },
  {
    should: "report an extended statistic on an alarm a Route 53 health check reads",
    resources: (() => {
      const a = alarm({ period: 60, extendedStatistic: "p99" });
      return [a, gateCheck(a)];
    })(),
    violations: [/extendedStatistic "p99" on an alarm a Route 53 health check reads/],
  },
  {
    should: "report more than a day of sub-hour periods",
    resources: [alarm({ period: 600, evaluationPeriods: 145 })],
    violations: [/87000 s, over CloudWatch's 86400 s/],
  },
  {
    should: "pass a 60 s, one-period alarm read by Route 53",
    resources: (() => {
      const a = alarm({ period: 60, statistic: "Maximum" });
      return [a, gateCheck(a)];
    })(),
    violations: [],
  },
]);
