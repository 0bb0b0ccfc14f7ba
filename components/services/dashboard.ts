/** The services dashboard body, built with pulumi.jsonStringify so names may be Outputs. */
import * as pulumi from "@pulumi/pulumi";

type Named = { readonly label: string };

/** What the dashboard shows: the subset of ServiceAlarmsArgs it reads (declared here so the two files do not import each other). */
export interface DashboardSources {
  readonly region: string;
  readonly api?: {
    readonly apiName: pulumi.Input<string>;
    readonly stageName: pulumi.Input<string>;
    /** SLO lines drawn on the latency and 5XX widgets. */
    readonly p95LatencyMs?: number;
    readonly p99LatencyMs?: number;
    readonly fiveXxPercent?: number;
  };
  readonly webAclName?: pulumi.Input<string>;
  readonly functions?: readonly (Named & { readonly functionName: pulumi.Input<string> })[];
  readonly queues?: readonly (Named & { readonly queueName: pulumi.Input<string> })[];
  readonly deadLetterQueues?: readonly (Named & { readonly queueName: pulumi.Input<string> })[];
  readonly database?: { readonly clusterIdentifier: pulumi.Input<string>; readonly proxyName?: pulumi.Input<string> };
  readonly tables?: readonly (Named & { readonly tableName: pulumi.Input<string> })[];
}

type Metric = readonly pulumi.Input<string | Record<string, string>>[];

function widget(title: string, region: string, metrics: readonly Metric[], extra: Record<string, unknown> = {}) {
  return {
    type: "metric",
    width: 12,
    height: 6,
    properties: { title, region, view: "timeSeries", stacked: false, period: 60, metrics, ...extra },
  };
}

export function dashboardBody(args: DashboardSources): pulumi.Output<string> {
  const r = args.region;
  const widgets: Record<string, unknown>[] = [];
  if (args.api) {
    const dims = ["ApiName", args.api.apiName, "Stage", args.api.stageName];
    widgets.push(
      widget("API requests and errors", r, [
        ["AWS/ApiGateway", "Count", ...dims, { stat: "Sum" }],
        ["AWS/ApiGateway", "4XXError", ...dims, { stat: "Sum" }],
        ["AWS/ApiGateway", "5XXError", ...dims, { stat: "Sum" }],
      ]),
    );
    const line = (label: string, value: number | undefined) => (value === undefined ? [] : [{ label, value }]);
    widgets.push(
      widget(
        "API latency (ms) against its SLO",
        r,
        [
          ["AWS/ApiGateway", "Latency", ...dims, { stat: "p50" }],
          ["AWS/ApiGateway", "Latency", ...dims, { stat: "p95" }],
          ["AWS/ApiGateway", "Latency", ...dims, { stat: "p99" }],
          ["AWS/ApiGateway", "IntegrationLatency", ...dims, { stat: "p99" }],
        ],
        {
          annotations: {
            horizontal: [...line("p95 SLO", args.api.p95LatencyMs), ...line("p99 SLO", args.api.p99LatencyMs)],
          },
        },
      ),
    );
    // The error budget's burn: the 5XX share against the SLO line.
    widgets.push(
      widget(
        "API 5XX % of requests against its SLO",
        r,
        [
          [{ expression: "IF(requests > 0, 100 * errors / requests, 0)", label: "5XX %", id: "rate" }],
          ["AWS/ApiGateway", "5XXError", ...dims, { stat: "Sum", id: "errors", visible: false }],
          ["AWS/ApiGateway", "Count", ...dims, { stat: "Sum", id: "requests", visible: false }],
        ] as unknown as Metric[],
        { annotations: { horizontal: line("5XX SLO", args.api.fiveXxPercent) } },
      ),
    );
  }
  if (args.webAclName) {
    widgets.push(
      widget("WAF blocked requests", r, [
        ["AWS/WAFV2", "BlockedRequests", "WebACL", args.webAclName, "Region", r, "Rule", "ALL", { stat: "Sum" }],
      ]),
    );
  }
  for (const fn of args.functions ?? []) {
    const dims = ["FunctionName", fn.functionName];
    widgets.push(
      widget(`Lambda ${fn.label}`, r, [
        ["AWS/Lambda", "Invocations", ...dims, { stat: "Sum" }],
        ["AWS/Lambda", "Errors", ...dims, { stat: "Sum" }],
        ["AWS/Lambda", "Throttles", ...dims, { stat: "Sum" }],
        ["AWS/Lambda", "Duration", ...dims, { stat: "p99", yAxis: "right" }],
      ]),
    );
  }
  const queueMetrics: Metric[] = [
    ...(args.queues ?? []).flatMap(
      (q) =>
        [
          ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q.queueName, { stat: "Maximum" }],
          ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", q.queueName, { stat: "Maximum", yAxis: "right" }],
        ] as Metric[],
    ),
    ...(args.deadLetterQueues ?? []).map(
      (q) =>
        [
          "AWS/SQS",
          "ApproximateNumberOfMessagesVisible",
          "QueueName",
          q.queueName,
          { stat: "Maximum", label: `${q.label} (DLQ)` },
        ] as Metric,
    ),
  ];
  if (queueMetrics.length > 0) widgets.push(widget("Queues", r, queueMetrics));
  if (args.database) {
    const dims = ["DBClusterIdentifier", args.database.clusterIdentifier];
    widgets.push(
      widget("Aurora capacity", r, [
        ["AWS/RDS", "ServerlessDatabaseCapacity", ...dims, { stat: "Average" }],
        ["AWS/RDS", "ACUUtilization", ...dims, { stat: "Average", yAxis: "right" }],
      ]),
    );
    // The pool is sized to the writer's CPU: waiting for it, or a session holding one of its
    // connections for good, is what to look at when the borrow-latency or pinning alarm fires.
    if (args.database.proxyName !== undefined) {
      const proxy = ["ProxyName", args.database.proxyName];
      widgets.push(
        widget("RDS Proxy pool", r, [
          ["AWS/RDS", "DatabaseConnectionsBorrowLatency", ...proxy, { stat: "Average", label: "borrow latency (µs)" }],
          ["AWS/RDS", "DatabaseConnectionsCurrentlySessionPinned", ...proxy, { stat: "Sum", yAxis: "right" }],
          ["AWS/RDS", "DatabaseConnections", ...proxy, { stat: "Sum", yAxis: "right" }],
        ]),
      );
    }
  }
  if ((args.tables ?? []).length > 0) {
    widgets.push(
      widget(
        "DynamoDB throttles",
        r,
        (args.tables ?? []).flatMap(
          (t) =>
            [
              ["AWS/DynamoDB", "ReadThrottleEvents", "TableName", t.tableName, { stat: "Sum" }],
              ["AWS/DynamoDB", "WriteThrottleEvents", "TableName", t.tableName, { stat: "Sum" }],
            ] as Metric[],
        ),
      ),
    );
  }
  return pulumi.jsonStringify({ widgets });
}
