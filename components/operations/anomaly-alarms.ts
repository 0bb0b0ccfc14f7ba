/**
 * AnomalyAlarms: CloudWatch anomaly detection (a band learnt from two weeks of the metric's own
 * history) on the signals whose normal level changes with the time of day: API latency and
 * error rates, the booked-order count (the business signal: a drop is an outage nobody else
 * sees), Lambda errors and denied or failed events in the audit stream. On the ticket route:
 * an anomaly asks for a look, the SLO alarms page.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { nameTag } from "../common";

export type AnomalyDirection = "above" | "below";

export interface AnomalySignal {
  /** Alarm role: a-z 0-9 -. */
  readonly label: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: pulumi.Input<string>;
  readonly dimensions?: Record<string, pulumi.Input<string>>;
  /** Statistic or percentile, e.g. Sum, Average, p95. */
  readonly stat: string;
  /** above: alarm over the band (errors, latency); below: under it (bookings). */
  readonly direction: AnomalyDirection;
}

export interface AnomalyAlarmsArgs {
  /** Topic told on ALARM, OK and INSUFFICIENT_DATA (the ticket route). Required. */
  readonly topicArn: pulumi.Input<string>;
  readonly signals: readonly AnomalySignal[];
  /** Band width in standard deviations. Default 2 (CloudWatch's default). */
  readonly bandWidth?: number;
  /**
   * A log group of audit outcomes and the filter pattern of denied or failed ones: a metric
   * filter turns them into a metric that gets an anomaly alarm too. Optional.
   */
  readonly auditStream?: { readonly logGroupName: pulumi.Input<string>; readonly pattern: string };
}

export const AUDIT_ANOMALY_NAMESPACE = "Platform/Audit";

export class AnomalyAlarms extends pulumi.ComponentResource {
  readonly alarmNames: pulumi.Output<string>[] = [];

  constructor(name: string, args: AnomalyAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:operations:AnomalyAlarms", name, {}, opts);
    const actions = [args.topicArn];
    const band = args.bandWidth ?? 2;
    const signals = [...args.signals];
    if (args.auditStream) {
      new aws.cloudwatch.LogMetricFilter(
        `${name}-audit-denied-or-failed`,
        {
          logGroupName: args.auditStream.logGroupName,
          pattern: args.auditStream.pattern,
          metricTransformation: {
            name: "DeniedOrFailed",
            namespace: AUDIT_ANOMALY_NAMESPACE,
            value: "1",
            unit: "Count",
          },
        },
        { parent: this },
      );
      signals.push({
        label: "audit-denied-or-failed",
        description: "Denied or failed actions in the audit stream",
        namespace: AUDIT_ANOMALY_NAMESPACE,
        metricName: "DeniedOrFailed",
        stat: "Sum",
        direction: "above",
      });
    }
    for (const s of signals) {
      const alarm = new aws.cloudwatch.MetricAlarm(
        `${name}-${s.label}`,
        {
          alarmDescription:
            `${s.description} is ${s.direction === "above" ? "above" : "below"} its usual band ` +
            `(anomaly detection, ${band} standard deviations).`,
          comparisonOperator: s.direction === "above" ? "GreaterThanUpperThreshold" : "LessThanLowerThreshold",
          evaluationPeriods: 3,
          datapointsToAlarm: 3,
          thresholdMetricId: "band",
          treatMissingData: "notBreaching",
          metricQueries: [
            {
              id: "signal",
              returnData: true,
              metric: {
                namespace: s.namespace,
                metricName: s.metricName,
                dimensions: s.dimensions,
                stat: s.stat,
                period: 300,
              },
            },
            {
              id: "band",
              expression: `ANOMALY_DETECTION_BAND(signal, ${band})`,
              label: `${s.label} (expected)`,
              returnData: true,
            },
          ],
          alarmActions: actions,
          okActions: actions,
          insufficientDataActions: actions,
          tags: nameTag(`${name}-${s.label}`),
        },
        { parent: this },
      );
      this.alarmNames.push(alarm.name);
    }
    this.registerOutputs({ alarmNames: this.alarmNames });
  }
}
