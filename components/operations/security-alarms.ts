/**
 * SecurityAlarms: a metric filter and an alarm for each CIS security event
 * (platform-rules/security-events.ts) over the CloudTrail log group, on the page route. The
 * filters publish only when an event matches (no default value), so an idle account pays for
 * the alarms alone, and missing data means "nothing happened", not "unknown".
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SECURITY_EVENTS, type SecurityEvent } from "../../platform-rules/security-events";
import { nameTag } from "../common";

export const SECURITY_METRIC_NAMESPACE = "Platform/Security";

export interface SecurityAlarmsArgs {
  /** The CloudTrail trail's CloudWatch Logs group. Required. */
  readonly trailLogGroupName: pulumi.Input<string>;
  /** Topic told on ALARM, OK and INSUFFICIENT_DATA (the page route). Required. */
  readonly topicArn: pulumi.Input<string>;
  /** The events to watch. Default every CIS section 4 event. */
  readonly events?: readonly SecurityEvent[];
}

export class SecurityAlarms extends pulumi.ComponentResource {
  readonly alarmNames: pulumi.Output<string>[];

  constructor(name: string, args: SecurityAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:operations:SecurityAlarms", name, {}, opts);
    const actions = [args.topicArn];
    this.alarmNames = (args.events ?? SECURITY_EVENTS).map((event) => {
      const metricName = event.id;
      new aws.cloudwatch.LogMetricFilter(
        `${name}-${event.id}`,
        {
          logGroupName: args.trailLogGroupName,
          pattern: event.pattern,
          metricTransformation: { name: metricName, namespace: SECURITY_METRIC_NAMESPACE, value: "1", unit: "Count" },
        },
        { parent: this },
      );
      const alarm = new aws.cloudwatch.MetricAlarm(
        `${name}-${event.id}-alarm`,
        {
          alarmDescription: `CIS ${event.cis}: ${event.description}. Review the CloudTrail events (PCI DSS 10.4.1).`,
          namespace: SECURITY_METRIC_NAMESPACE,
          metricName,
          statistic: "Sum",
          period: 300,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          alarmActions: actions,
          okActions: actions,
          insufficientDataActions: actions,
          tags: nameTag(`${name}-${event.id}`),
        },
        { parent: this },
      );
      return alarm.name;
    });
    this.registerOutputs({ alarmNames: this.alarmNames });
  }
}
