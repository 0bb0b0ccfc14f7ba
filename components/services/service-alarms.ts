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
  /**
   * The REST API and its SLOs: p95 and p99 latency in ms (defaults 100 and 500; 1 to 29000, p95 at
   * most p99) and the 5XX share of requests in percent (default 1; above 0, at most 100).
   */
  readonly api?: {
    readonly apiName: pulumi.Input<string>;
    readonly stageName: pulumi.Input<string>;
    readonly p95LatencyMs?: number;
    readonly p99LatencyMs?: number;
    readonly fiveXxPercent?: number;
  };
  /** Functions to watch for errors and throttles. */
  readonly functions?: readonly (Named & { readonly functionName: pulumi.Input<string> })[];
  /** Work queues: alarm when the oldest message is older than maxAgeSeconds (default 900). */
  readonly queues?: readonly (Named & { readonly queueName: pulumi.Input<string>; readonly maxAgeSeconds?: number })[];
  /** Dead-letter queues: alarm on any visible message. */
  readonly deadLetterQueues?: readonly (Named & { readonly queueName: pulumi.Input<string> })[];
  /**
   * Aurora: alarm at acuUtilizationPercent of max ACUs (default 90) and at maxConnections connections (default 1000).
   * With proxyName, also when clients wait on average proxyBorrowLatencyMs (a whole number ≥ 1, default 20) for one
   * of RDS Proxy's database connections: its pool is sized to the writer's CPU, so sustained waiting means the
   * writer is saturated (raise platform:aurora.maxCapacity, which resizes the pool too); and a ticket when any
   * client session is pinned (DatabaseConnectionsCurrentlySessionPinned), which would keep a connection of that pool.
   */
  readonly database?: {
    readonly clusterIdentifier: pulumi.Input<string>;
    readonly acuUtilizationPercent?: number;
    readonly maxConnections?: number;
    readonly proxyName?: pulumi.Input<string>;
    readonly proxyBorrowLatencyMs?: number;
  };
  /** Age of the oldest dead-letter message that opens a ticket, in seconds (default 3600). */
  readonly deadLetterMaxAgeSeconds?: number;
  /** DynamoDB tables to watch for throttled reads and writes. */
  readonly tables?: readonly (Named & { readonly tableName: pulumi.Input<string> })[];
  /**
   * Dashboard name: unique in the account and region (a second stack with the same name
   * overwrites it), 1 to 255 of A-Z a-z 0-9 - _. Default `<name>-services`; stacks pass one with
   * the project and stack in it.
   */
  readonly dashboardName?: string;
  /** WAF web ACL name, for the dashboard's blocked-requests widget. Optional. */
  readonly webAclName?: pulumi.Input<string>;
}

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function serviceAlarmsArgsProblems(args: ServiceAlarmsArgs): readonly string[] {
  return collectProblems((p) => {
    const labels: string[] = [];
    for (const [field, list] of [
      ["functions", args.functions],
      ["queues", args.queues],
      ["deadLetterQueues", args.deadLetterQueues],
      ["tables", args.tables],
    ] as const) {
      (list ?? []).forEach((item: Named, i: number) => {
        if (!/^[a-z0-9-]{1,40}$/.test(item.label))
          p.add(`${field}[${i}].label`, `expected 1 to 40 of a-z 0-9 -; got ${JSON.stringify(item.label)}`);
        else if (labels.includes(`${field}/${item.label}`))
          p.add(`${field}[${i}].label`, `${item.label} is used twice`);
        labels.push(`${field}/${item.label}`);
      });
    }
    (args.queues ?? []).forEach((q, i) => {
      if (q.maxAgeSeconds !== undefined && (!Number.isInteger(q.maxAgeSeconds) || q.maxAgeSeconds < 60))
        p.add(`queues[${i}].maxAgeSeconds`, `must be a whole number of at least 60; got ${q.maxAgeSeconds}`);
    });
    if (args.dashboardName !== undefined && !/^[A-Za-z0-9_-]{1,255}$/.test(args.dashboardName)) {
      p.add(
        "dashboardName",
        `expected 1 to 255 of A-Z a-z 0-9 - _ (a CloudWatch dashboard name); got ${JSON.stringify(args.dashboardName)}`,
      );
    }
    const pct = args.database?.acuUtilizationPercent;
    if (pct !== undefined && (pct <= 0 || pct > 100))
      p.add("database.acuUtilizationPercent", `must be above 0 and at most 100; got ${pct}`);
    for (const field of ["p95LatencyMs", "p99LatencyMs"] as const) {
      const latency = args.api?.[field];
      if (latency !== undefined && (!Number.isInteger(latency) || latency < 1 || latency > 29000))
        p.add(`api.${field}`, `must be a whole number from 1 to 29000 (the integration timeout); got ${latency}`);
    }
    if (
      args.api &&
      (args.api.p95LatencyMs ?? DEFAULT_SLO.p95LatencyMs) > (args.api.p99LatencyMs ?? DEFAULT_SLO.p99LatencyMs)
    )
      p.add("api.p95LatencyMs", "must be at most api.p99LatencyMs");
    const fiveXx = args.api?.fiveXxPercent;
    if (fiveXx !== undefined && !(fiveXx > 0 && fiveXx <= 100))
      p.add("api.fiveXxPercent", `must be above 0 and at most 100; got ${fiveXx}`);
    const borrow = args.database?.proxyBorrowLatencyMs;
    if (borrow !== undefined && (!Number.isInteger(borrow) || borrow < 1))
      p.add("database.proxyBorrowLatencyMs", `must be a whole number of at least 1; got ${borrow}`);
    const connections = args.database?.maxConnections;
    if (connections !== undefined && (!Number.isInteger(connections) || connections < 1))
      p.add("database.maxConnections", `must be a whole number of at least 1; got ${connections}`);
    const dlqAge = args.deadLetterMaxAgeSeconds;
    if (dlqAge !== undefined && (!Number.isInteger(dlqAge) || dlqAge < 60))
      p.add("deadLetterMaxAgeSeconds", `must be a whole number of at least 60; got ${dlqAge}`);
  });
}

/** SLO defaults: the source documents' targets (order execution under 100 ms at p95). */
export const DEFAULT_SLO = { p95LatencyMs: 100, p99LatencyMs: 500, fiveXxPercent: 1 } as const;

export class ServiceAlarms extends pulumi.ComponentResource {
  readonly alarmNames: pulumi.Output<string>[];
  readonly dashboardName: pulumi.Output<string>;

  constructor(name: string, args: ServiceAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:services:ServiceAlarms", name, {}, opts);
    assertValid("platform:services:ServiceAlarms", name, serviceAlarmsArgsProblems(args));

    // Every state change notifies: AWS Config's CLOUDWATCH_ALARM_ACTION_CHECK (PCI pack) wants alarm and insufficient-data actions.
    this.alarmNames = [];
    type Props = Omit<
      aws.cloudwatch.MetricAlarmArgs,
      "alarmActions" | "okActions" | "insufficientDataActions" | "alarmDescription"
    >;
    const alarm = (role: string, description: string, props: Props, severity: "page" | "ticket" = "ticket") => {
      const actions = [args.routes[severity]];
      const created = new aws.cloudwatch.MetricAlarm(
        `${name}-${role}`,
        {
          alarmDescription: description,
          alarmActions: actions,
          okActions: actions,
          insufficientDataActions: actions,
          treatMissingData: "notBreaching",
          tags: nameTag(`${name}-${role}`),
          ...props,
        },
        { parent: this },
      );
      this.alarmNames.push(created.name);
    };
    const sum = { statistic: "Sum", period: 60, evaluationPeriods: 5, datapointsToAlarm: 3 } as const;

    if (args.api) {
      const dimensions = { ApiName: args.api.apiName, Stage: args.api.stageName };
      const fiveXxPercent = args.api.fiveXxPercent ?? DEFAULT_SLO.fiveXxPercent;
      // A rate, not a count: 5 errors are an outage at 10 requests a minute and noise at 10,000.
      alarm(
        "api-5xx",
        `Trade API 5XX rate is above its ${fiveXxPercent} % SLO`,
        {
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          threshold: fiveXxPercent,
          evaluationPeriods: 5,
          datapointsToAlarm: 3,
          metricQueries: [
            {
              id: "rate",
              expression: "IF(requests > 0, 100 * errors / requests, 0)",
              label: "5XX % of requests",
              returnData: true,
            },
            {
              id: "errors",
              metric: { namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions, stat: "Sum", period: 60 },
            },
            {
              id: "requests",
              metric: { namespace: "AWS/ApiGateway", metricName: "Count", dimensions, stat: "Sum", period: 60 },
            },
          ],
        },
        "page",
      );
      for (const [stat, target] of [
        ["p95", args.api.p95LatencyMs ?? DEFAULT_SLO.p95LatencyMs],
        ["p99", args.api.p99LatencyMs ?? DEFAULT_SLO.p99LatencyMs],
      ] as const) {
        alarm(
          `api-latency-${stat}`,
          `Trade API ${stat} latency is above its ${target} ms SLO`,
          {
            namespace: "AWS/ApiGateway",
            metricName: "Latency",
            dimensions,
            extendedStatistic: stat,
            period: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 3,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: target,
          },
          "page",
        );
      }
    }
    for (const fn of args.functions ?? []) {
      const dimensions = { FunctionName: fn.functionName };
      alarm(`${fn.label}-errors`, `${fn.label} function errors`, {
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions,
        ...sum,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
      });
      alarm(`${fn.label}-throttles`, `${fn.label} function is throttled`, {
        namespace: "AWS/Lambda",
        metricName: "Throttles",
        dimensions,
        ...sum,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
      });
    }
    for (const q of args.deadLetterQueues ?? []) {
      alarm(`${q.label}-depth`, `Messages in dead-letter queue ${q.label}: inspect and redrive`, {
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: q.queueName },
        statistic: "Maximum",
        period: 60,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
      });
    }
    for (const q of args.deadLetterQueues ?? []) {
      alarm(
        `${q.label}-age`,
        `A message has waited in dead-letter queue ${q.label} too long: inspect and redrive before it expires`,
        {
          namespace: "AWS/SQS",
          metricName: "ApproximateAgeOfOldestMessage",
          dimensions: { QueueName: q.queueName },
          statistic: "Maximum",
          period: 300,
          evaluationPeriods: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          threshold: args.deadLetterMaxAgeSeconds ?? 3600,
        },
      );
    }
    for (const q of args.queues ?? []) {
      alarm(
        `${q.label}-oldest-message`,
        `Oldest message in ${q.label} is getting old: the consumer is behind or failing`,
        {
          namespace: "AWS/SQS",
          metricName: "ApproximateAgeOfOldestMessage",
          dimensions: { QueueName: q.queueName },
          statistic: "Maximum",
          period: 60,
          evaluationPeriods: 5,
          datapointsToAlarm: 3,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          threshold: q.maxAgeSeconds ?? 900,
        },
      );
    }
    if (args.database) {
      alarm(
        "aurora-acu",
        "Aurora is near its maximum capacity: raise platform:aurora.maxCapacity",
        {
          namespace: "AWS/RDS",
          metricName: "ACUUtilization",
          dimensions: { DBClusterIdentifier: args.database.clusterIdentifier },
          statistic: "Average",
          period: 300,
          evaluationPeriods: 3,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          threshold: args.database.acuUtilizationPercent ?? 90,
        },
        "page",
      );
      alarm(
        "aurora-connections",
        "Aurora has many open connections: check the RDS Proxy and the functions' pools",
        {
          namespace: "AWS/RDS",
          metricName: "DatabaseConnections",
          dimensions: { DBClusterIdentifier: args.database.clusterIdentifier },
          statistic: "Maximum",
          period: 60,
          evaluationPeriods: 5,
          datapointsToAlarm: 3,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          threshold: args.database.maxConnections ?? 1000,
        },
        "page",
      );
    }
    if (args.database?.proxyName !== undefined) {
      alarm(
        "db-proxy-borrow-latency",
        "Bookings wait for an RDS Proxy database connection: the writer is saturated; raise platform:aurora.maxCapacity (the pool follows it)",
        {
          namespace: "AWS/RDS",
          // Microseconds a client waited to borrow a database connection (RDS Proxy metrics).
          metricName: "DatabaseConnectionsBorrowLatency",
          dimensions: { ProxyName: args.database.proxyName },
          statistic: "Average",
          period: 60,
          evaluationPeriods: 5,
          datapointsToAlarm: 3,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          threshold: (args.database.proxyBorrowLatencyMs ?? 20) * 1000,
        },
        "page",
      );
      alarm(
        "db-proxy-pinned-sessions",
        "An RDS Proxy client session is pinned to a database connection: find the SET/PREPARE/temporary object in the proxy's logs; a pinned Lambda instance keeps one of the few pooled connections",
        {
          namespace: "AWS/RDS",
          metricName: "DatabaseConnectionsCurrentlySessionPinned",
          dimensions: { ProxyName: args.database.proxyName },
          statistic: "Maximum",
          period: 300,
          evaluationPeriods: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          threshold: 1,
        },
      );
    }
    for (const t of args.tables ?? []) {
      // ThrottledRequests carries an Operation dimension too; the per-table read and write
      // throttle events cover every operation without listing them.
      alarm(`${t.label}-throttles`, `DynamoDB table ${t.label} throttles requests`, {
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        metricQueries: [
          { id: "throttles", expression: "reads + writes", label: `${t.label} throttled requests`, returnData: true },
          {
            id: "reads",
            metric: {
              namespace: "AWS/DynamoDB",
              metricName: "ReadThrottleEvents",
              dimensions: { TableName: t.tableName },
              stat: "Sum",
              period: 60,
            },
          },
          {
            id: "writes",
            metric: {
              namespace: "AWS/DynamoDB",
              metricName: "WriteThrottleEvents",
              dimensions: { TableName: t.tableName },
              stat: "Sum",
              period: 60,
            },
          },
        ],
      });
    }

    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      { dashboardName: args.dashboardName ?? `${name}-services`, dashboardBody: dashboardBody(args) },
      { parent: this },
    );
    this.dashboardName = dashboard.dashboardName;
    this.registerOutputs({ alarmNames: this.alarmNames, dashboardName: this.dashboardName });
  }
}
