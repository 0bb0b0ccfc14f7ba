/**
 * Alarms for the services, each on the page or the ticket route (components/operations
 * AlertRouting), and a dashboard with the same signals: API 5XX and p99 latency, Lambda errors and throttles per function,
 * dead-letter depth, oldest message on the work queues, Aurora ACU use and DynamoDB throttles.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems, nameTag } from "../common";
import { dashboardBody } from "./dashboard";

export interface Named {
  /** Short label used in alarm names and widget titles: a-z 0-9 -. */
  readonly label: string;
}

export interface ServiceAlarmsArgs {
  /** Region of the metrics (dashboard widgets). Required. */
  readonly region: string;
  /**
   * Topic per severity (AlertRouting.topicArns): SLO breaches and capacity on page; errors,
   * throttles and queues on ticket. Every alarm notifies on ALARM, OK and INSUFFICIENT_DATA.
   */
  readonly routes: { readonly page: pulumi.Input<string>; readonly ticket: pulumi.Input<string> };
  /** The REST API: its name (the ApiName dimension) and stage. Optional. */
  readonly api?: { readonly apiName: pulumi.Input<string>; readonly stageName: pulumi.Input<string>; readonly p99LatencyMs?: number; readonly fiveXxPerMinute?: number };
  /** Functions to watch for errors and throttles. */
  readonly functions?: readonly (Named & { readonly functionName: pulumi.Input<string> })[];
  /** Work queues: alarm when the oldest message is older than maxAgeSeconds (default 900). */
  readonly queues?: readonly (Named & { readonly queueName: pulumi.Input<string>; readonly maxAgeSeconds?: number })[];
  /** Dead-letter queues: alarm on any visible message. */
  readonly deadLetterQueues?: readonly (Named & { readonly queueName: pulumi.Input<string> })[];
  /** Aurora Serverless v2 cluster: alarm when ACU utilisation reaches acuUtilizationPercent (default 90). */
  readonly database?: { readonly clusterIdentifier: pulumi.Input<string>; readonly acuUtilizationPercent?: number };
  /** DynamoDB tables to watch for throttled reads and writes. */
  readonly tables?: readonly (Named & { readonly tableName: pulumi.Input<string> })[];
  /** WAF web ACL name, for the dashboard's blocked-requests widget. Optional. */
  readonly webAclName?: pulumi.Input<string>;
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function serviceAlarmsArgsProblems(args: ServiceAlarmsArgs): readonly string[] {
  return collectProblems((p) => {
    const labels: string[] = [];
    for (const [field, list] of [["functions", args.functions], ["queues", args.queues], ["deadLetterQueues", args.deadLetterQueues], ["tables", args.tables]] as const) {
      (list ?? []).forEach((item: Named, i: number) => {
        if (!/^[a-z0-9-]{1,40}$/.test(item.label)) p.add(`${field}[${i}].label`, `expected 1 to 40 of a-z 0-9 -; got ${JSON.stringify(item.label)}`);
        else if (labels.includes(`${field}/${item.label}`)) p.add(`${field}[${i}].label`, `${item.label} is used twice`);
        labels.push(`${field}/${item.label}`);
      });
    }
    (args.queues ?? []).forEach((q, i) => {
      if (q.maxAgeSeconds !== undefined && (!Number.isInteger(q.maxAgeSeconds) || q.maxAgeSeconds < 60)) p.add(`queues[${i}].maxAgeSeconds`, `must be a whole number of at least 60; got ${q.maxAgeSeconds}`);
    });
    const pct = args.database?.acuUtilizationPercent;
    if (pct !== undefined && (pct <= 0 || pct > 100)) p.add("database.acuUtilizationPercent", `must be above 0 and at most 100; got ${pct}`);
    const latency = args.api?.p99LatencyMs;
    if (latency !== undefined && (!Number.isInteger(latency) || latency < 1 || latency > 29000)) p.add("api.p99LatencyMs", `must be a whole number from 1 to 29000 (the integration timeout); got ${latency}`);
    const fiveXx = args.api?.fiveXxPerMinute;
    if (fiveXx !== undefined && (!Number.isInteger(fiveXx) || fiveXx < 1)) p.add("api.fiveXxPerMinute", `must be a whole number of at least 1; got ${fiveXx}`);
  });
}

export class ServiceAlarms extends pulumi.ComponentResource {
  readonly alarmNames: pulumi.Output<string>[];
  readonly dashboardName: pulumi.Output<string>;

  constructor(name: string, args: ServiceAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:services:ServiceAlarms", name, {}, opts);
    assertValid("platform:services:ServiceAlarms", name, serviceAlarmsArgsProblems(args));

    // Every state change notifies: AWS Config's CLOUDWATCH_ALARM_ACTION_CHECK (PCI pack) wants alarm and insufficient-data actions.
    this.alarmNames = [];
    type Props = Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions" | "insufficientDataActions" | "alarmDescription">;
    const alarm = (role: string, description: string, props: Props, severity: "page" | "ticket" = "ticket") => {
      const actions = [args.routes[severity]];
      const created = new aws.cloudwatch.MetricAlarm(
        `${name}-${role}`,
        { alarmDescription: description, alarmActions: actions, okActions: actions, insufficientDataActions: actions, treatMissingData: "notBreaching", tags: nameTag(`${name}-${role}`), ...props },
        { parent: this },
      );
      this.alarmNames.push(created.name);
    };
    const sum = { statistic: "Sum", period: 60, evaluationPeriods: 5, datapointsToAlarm: 3 } as const;

    if (args.api) {
      const dimensions = { ApiName: args.api.apiName, Stage: args.api.stageName };
      alarm("api-5xx", "Trade API returns 5XX errors", { namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions, ...sum, comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: args.api.fiveXxPerMinute ?? 5 }, "page");
      alarm("api-latency-p99", "Trade API p99 latency is high", { namespace: "AWS/ApiGateway", metricName: "Latency", dimensions, extendedStatistic: "p99", period: 60, evaluationPeriods: 5, datapointsToAlarm: 3, comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: args.api.p99LatencyMs ?? 2000 }, "page");
    }
    for (const fn of args.functions ?? []) {
      const dimensions = { FunctionName: fn.functionName };
      alarm(`${fn.label}-errors`, `${fn.label} function errors`, { namespace: "AWS/Lambda", metricName: "Errors", dimensions, ...sum, comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 1 });
      alarm(`${fn.label}-throttles`, `${fn.label} function is throttled`, { namespace: "AWS/Lambda", metricName: "Throttles", dimensions, ...sum, comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 1 });
    }
    for (const q of args.deadLetterQueues ?? []) {
      alarm(`${q.label}-depth`, `Messages in dead-letter queue ${q.label}: inspect and redrive`, {
        namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: q.queueName },
        statistic: "Maximum", period: 60, evaluationPeriods: 1, comparisonOperator: "GreaterThanThreshold", threshold: 0,
      });
    }
    for (const q of args.queues ?? []) {
      alarm(`${q.label}-oldest-message`, `Oldest message in ${q.label} is getting old: the consumer is behind or failing`, {
        namespace: "AWS/SQS", metricName: "ApproximateAgeOfOldestMessage", dimensions: { QueueName: q.queueName },
        statistic: "Maximum", period: 60, evaluationPeriods: 5, datapointsToAlarm: 3, comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: q.maxAgeSeconds ?? 900,
      });
    }
    if (args.database) {
      alarm("aurora-acu", "Aurora is near its maximum capacity: raise platform:aurora.maxCapacity", {
        namespace: "AWS/RDS", metricName: "ACUUtilization", dimensions: { DBClusterIdentifier: args.database.clusterIdentifier },
        statistic: "Average", period: 300, evaluationPeriods: 3, comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: args.database.acuUtilizationPercent ?? 90,
      }, "page");
    }
    for (const t of args.tables ?? []) {
      // ThrottledRequests carries an Operation dimension too; the per-table read and write
      // throttle events cover every operation without listing them.
      alarm(`${t.label}-throttles`, `DynamoDB table ${t.label} throttles requests`, {
        comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 1, evaluationPeriods: 5, datapointsToAlarm: 3,
        metricQueries: [
          { id: "throttles", expression: "reads + writes", label: `${t.label} throttled requests`, returnData: true },
          { id: "reads", metric: { namespace: "AWS/DynamoDB", metricName: "ReadThrottleEvents", dimensions: { TableName: t.tableName }, stat: "Sum", period: 60 } },
          { id: "writes", metric: { namespace: "AWS/DynamoDB", metricName: "WriteThrottleEvents", dimensions: { TableName: t.tableName }, stat: "Sum", period: 60 } },
        ],
      });
    }

    const dashboard = new aws.cloudwatch.Dashboard(`${name}-dashboard`, { dashboardName: `${name}-services`, dashboardBody: dashboardBody(args) }, { parent: this });
    this.dashboardName = dashboard.dashboardName;
    this.registerOutputs({ alarmNames: this.alarmNames, dashboardName: this.dashboardName });
  }
}
