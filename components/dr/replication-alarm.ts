/**
 * The RPO alarm: CloudWatch alarm on the replication lag the DR tooling measures with its
 * heartbeat (services/dr `dr lag`, published as Platform/DR ReplicationLagSeconds once per monitor
 * schedule), over `periodSeconds` (platform:dr.gate.alarmPeriodSeconds, as the RPO model counts it).
 * Missing data is breaching: without a measurement the lag cannot be proven below the RPO.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems, nameTag } from "../common";
import { alarmPeriodProblem } from "../../platform-rules/aws-timing";
import { DR_ALARM_PERIOD_SECONDS } from "../../platform-rules/recovery-objectives";

export const LAG_METRIC = { namespace: "Platform/DR", metricName: "ReplicationLagSeconds" } as const;

export interface ReplicationLagAlarmArgs {
  /** Alarm threshold in seconds; must leave one alarm period before the RPO. Required. */
  readonly thresholdSeconds: number;
  /**
   * Alarm period (`platform:dr.gate.alarmPeriodSeconds`, which the RPO model counts): a multiple
   * of 60 (the lag metric is standard resolution), no shorter than the monitor's schedule
   * (missing data breaches). Default 60.
   */
  readonly periodSeconds?: number;
  /** The RPO in minutes, for the check and the description. Required. */
  readonly rpoMinutes: number;
  /** SNS topic for alarm and OK notifications. Default none. */
  readonly alarmTopicArn?: pulumi.Input<string>;
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function replicationLagAlarmArgsProblems(args: ReplicationLagAlarmArgs): readonly string[] {
  return collectProblems((p) => {
    const period = args.periodSeconds ?? DR_ALARM_PERIOD_SECONDS;
    const periodProblem = alarmPeriodProblem(period, "standard");
    if (periodProblem) p.add("periodSeconds", periodProblem);
    if (!(Number.isInteger(args.thresholdSeconds) && args.thresholdSeconds > 0))
      p.add("thresholdSeconds", `must be a positive whole number; got ${args.thresholdSeconds}`);
    else if (!periodProblem && args.thresholdSeconds + period > args.rpoMinutes * 60) {
      p.add(
        "thresholdSeconds",
        `fires after the RPO (${args.rpoMinutes * 60} s) with a ${period} s period; use at most ${args.rpoMinutes * 60 - period}`,
      );
    }
  });
}

export class ReplicationLagAlarm extends pulumi.ComponentResource {
  readonly alarmName: pulumi.Output<string>;

  constructor(name: string, args: ReplicationLagAlarmArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:dr:ReplicationLagAlarm", name, {}, opts);
    assertValid("platform:dr:ReplicationLagAlarm", name, replicationLagAlarmArgsProblems(args));
    const actions = args.alarmTopicArn !== undefined ? [args.alarmTopicArn] : [];
    const alarm = new aws.cloudwatch.MetricAlarm(
      `${name}-alarm`,
      {
        alarmDescription: `Azure standby replication lag above ${args.thresholdSeconds} s (RPO ${args.rpoMinutes} min). See docs/runbooks/failover.md.`,
        namespace: LAG_METRIC.namespace,
        metricName: LAG_METRIC.metricName,
        statistic: "Maximum",
        period: args.periodSeconds ?? DR_ALARM_PERIOD_SECONDS,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanThreshold",
        threshold: args.thresholdSeconds,
        treatMissingData: "breaching",
        alarmActions: actions,
        okActions: actions,
        insufficientDataActions: actions,
        tags: nameTag(`${name}-alarm`),
      },
      { parent: this },
    );
    this.alarmName = alarm.name;
    this.registerOutputs({ alarmName: this.alarmName });
  }
}
