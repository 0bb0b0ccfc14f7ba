import assert from "node:assert/strict";
import { json, runProgram } from "../testing/harness";
import { ServiceAlarms, serviceAlarmsArgsProblems, type ServiceAlarmsArgs } from "./service-alarms";

const PAGE = "arn:aws:sns:us-east-1:123456789012:alerts-page";
const TICKET = "arn:aws:sns:us-east-1:123456789012:alerts-ticket";

const args = (overrides: Partial<ServiceAlarmsArgs> = {}): ServiceAlarmsArgs => ({
  region: "us-east-1",
  routes: { page: PAGE, ticket: TICKET },
  api: { apiName: "trade", stageName: "live" },
  functions: [{ label: "trade-api", functionName: "trade-api-fn" }],
  queues: [{ label: "audit-queue", queueName: "audit" }],
  deadLetterQueues: [{ label: "audit-dlq", queueName: "audit-dlq" }],
  database: { clusterIdentifier: "fx" },
  tables: [{ label: "api-keys", tableName: "api-keys" }],
  ...overrides,
});
const plan = (overrides: Partial<ServiceAlarmsArgs> = {}) =>
  runProgram(() => new ServiceAlarms("alarms", args(overrides)));

describe("ServiceAlarms", () => {
  it("should page when the API returns 5XX errors", async () => {
    assert.deepEqual((await plan()).named("alarms-api-5xx").inputs.alarmActions, [PAGE]);
  });

  it("should alarm on the 5XX share of requests, not a count", async () => {
    const queries = (await plan()).named("alarms-api-5xx").inputs.metricQueries as {
      id: string;
      expression?: string;
    }[];
    assert.equal(queries.find((q) => q.id === "rate")?.expression, "IF(requests > 0, 100 * errors / requests, 0)");
  });

  it("should alarm at the default 1 % 5XX SLO", async () => {
    assert.equal((await plan()).named("alarms-api-5xx").inputs.threshold, 1);
  });

  it("should alarm on p95 latency at the given SLO", async () => {
    const inputs = (await plan({ api: { apiName: "trade", stageName: "live", p95LatencyMs: 80 } })).named(
      "alarms-api-latency-p95",
    ).inputs;
    assert.deepEqual([inputs.extendedStatistic, inputs.threshold], ["p95", 80]);
  });

  it("should alarm on p99 latency at the default 500 ms SLO", async () => {
    assert.equal((await plan()).named("alarms-api-latency-p99").inputs.threshold, 500);
  });

  it("should open a ticket when a dead-letter message is older than an hour", async () => {
    const inputs = (await plan()).named("alarms-audit-dlq-age").inputs;
    assert.deepEqual(
      [inputs.metricName, inputs.threshold, inputs.alarmActions],
      ["ApproximateAgeOfOldestMessage", 3600, [TICKET]],
    );
  });

  it("should page when Aurora has many open connections", async () => {
    const inputs = (await plan({ database: { clusterIdentifier: "fx", maxConnections: 300 } })).named(
      "alarms-aurora-connections",
    ).inputs;
    assert.deepEqual([inputs.metricName, inputs.threshold, inputs.alarmActions], ["DatabaseConnections", 300, [PAGE]]);
  });

  it("should page when bookings wait for one of RDS Proxy's database connections", async () => {
    const inputs = (await plan({ database: { clusterIdentifier: "fx", proxyName: "fx-prod-trade" } })).named(
      "alarms-db-proxy-borrow-latency",
    ).inputs;
    assert.deepEqual(
      [inputs.metricName, inputs.dimensions, inputs.alarmActions],
      ["DatabaseConnectionsBorrowLatency", { ProxyName: "fx-prod-trade" }, [PAGE]],
    );
  });

  it("should alarm on the proxy's borrow latency at 20 ms by default, in the metric's microseconds", async () => {
    const inputs = (await plan({ database: { clusterIdentifier: "fx", proxyName: "p" } })).named(
      "alarms-db-proxy-borrow-latency",
    ).inputs;
    assert.equal(inputs.threshold, 20_000);
  });

  it("should open a ticket when any RDS Proxy session is pinned", async () => {
    const inputs = (await plan({ database: { clusterIdentifier: "fx", proxyName: "p" } })).named(
      "alarms-db-proxy-pinned-sessions",
    ).inputs;
    assert.deepEqual(
      [inputs.metricName, inputs.threshold, inputs.alarmActions],
      ["DatabaseConnectionsCurrentlySessionPinned", 1, [TICKET]],
    );
  });

  it("should create no proxy alarm when the database has no proxy", async () => {
    assert.equal((await plan()).has("aws:cloudwatch/metricAlarm:MetricAlarm", "alarms-db-proxy-borrow-latency"), false);
  });

  it("should name database.proxyBorrowLatencyMs when it is not a whole number of at least 1", async () => {
    assert.match(
      serviceAlarmsArgsProblems(
        args({ database: { clusterIdentifier: "fx", proxyName: "p", proxyBorrowLatencyMs: 0 } }),
      ).join("\n"),
      /database\.proxyBorrowLatencyMs: must be a whole number of at least 1; got 0/,
    );
  });

  it("should page when Aurora nears its maximum capacity", async () => {
    assert.deepEqual((await plan()).named("alarms-aurora-acu").inputs.alarmActions, [PAGE]);
  });

  it("should open a ticket when a function errors", async () => {
    assert.deepEqual((await plan()).named("alarms-trade-api-errors").inputs.alarmActions, [TICKET]);
  });

  it("should notify its route on OK and INSUFFICIENT_DATA as well as ALARM", async () => {
    const inputs = (await plan()).named("alarms-audit-dlq-depth").inputs;
    assert.deepEqual([inputs.okActions, inputs.insufficientDataActions], [[TICKET], [TICKET]]);
  });

  it("should alarm on API 5XX of the given API and stage", async () => {
    const queries = (await plan()).named("alarms-api-5xx").inputs.metricQueries as {
      id: string;
      metric?: { dimensions: unknown };
    }[];
    assert.deepEqual(queries.find((q) => q.id === "errors")?.metric?.dimensions, { ApiName: "trade", Stage: "live" });
  });

  it("should alarm on function errors", async () => {
    assert.deepEqual((await plan()).named("alarms-trade-api-errors").inputs.dimensions, {
      FunctionName: "trade-api-fn",
    });
  });

  it("should alarm on function throttles", async () => {
    assert.equal((await plan()).named("alarms-trade-api-throttles").inputs.metricName, "Throttles");
  });

  it("should alarm on a single message in a dead-letter queue", async () => {
    const a = (await plan()).named("alarms-audit-dlq-depth").inputs;
    assert.deepEqual(
      [a.metricName, a.comparisonOperator, a.threshold],
      ["ApproximateNumberOfMessagesVisible", "GreaterThanThreshold", 0],
    );
  });

  it("should alarm when the oldest queue message passes 900 s by default", async () => {
    assert.equal((await plan()).named("alarms-audit-queue-oldest-message").inputs.threshold, 900);
  });

  it("should alarm at 90 % Aurora ACU utilisation by default", async () => {
    assert.equal((await plan()).named("alarms-aurora-acu").inputs.threshold, 90);
  });

  it("should sum read and write throttles per table", async () => {
    const queries = (await plan()).named("alarms-api-keys-throttles").inputs.metricQueries as {
      id: string;
      expression?: string;
    }[];
    assert.equal(queries.find((q) => q.id === "throttles")?.expression, "reads + writes");
  });

  it("should notify on alarm, OK and insufficient data", async () => {
    const a = (await plan()).named("alarms-api-5xx");
    assert.ok(
      ["alarmActions", "okActions", "insufficientDataActions"].every((k) => (a.inputs[k] as string[]).length === 1),
    );
  });

  it("should draw the latency SLOs on the dashboard", async () => {
    const body = json<{
      widgets: { properties: { title: string; annotations?: { horizontal: { label: string; value: number }[] } } }[];
    }>(
      (await plan({ api: { apiName: "trade", stageName: "live", p95LatencyMs: 80, p99LatencyMs: 300 } })).named(
        "alarms-dashboard",
      ).inputs.dashboardBody,
    );
    const latency = body.widgets.find((w) => w.properties.title.startsWith("API latency"));
    assert.deepEqual(latency?.properties.annotations?.horizontal, [
      { label: "p95 SLO", value: 80 },
      { label: "p99 SLO", value: 300 },
    ]);
  });

  it("should chart the 5XX share against its SLO on the dashboard", async () => {
    const body = json<{ widgets: { properties: { title: string } }[] }>(
      (await plan()).named("alarms-dashboard").inputs.dashboardBody,
    );
    assert.ok(body.widgets.some((w) => w.properties.title === "API 5XX % of requests against its SLO"));
  });

  it("should chart RDS Proxy's borrow latency and pinned sessions on the dashboard when there is a proxy", async () => {
    const body = json<{ widgets: { properties: { title: string; metrics: unknown[][] } }[] }>(
      (await plan({ database: { clusterIdentifier: "fx", proxyName: "fx-prod-trade" } })).named("alarms-dashboard")
        .inputs.dashboardBody,
    );
    const pool = body.widgets.find((w) => w.properties.title === "RDS Proxy pool");
    assert.deepEqual(
      pool?.properties.metrics.map((m) => m[1]),
      ["DatabaseConnectionsBorrowLatency", "DatabaseConnectionsCurrentlySessionPinned", "DatabaseConnections"],
    );
  });

  it("should build a dashboard whose body is JSON with widgets", async () => {
    const body = json<{ widgets: unknown[] }>((await plan()).named("alarms-dashboard").inputs.dashboardBody);
    assert.ok(body.widgets.length >= 5);
  });
});

describe("serviceAlarmsArgsProblems", () => {
  const cases: Array<[string, Partial<ServiceAlarmsArgs>, RegExp]> = [
    [
      "a label has capitals",
      { functions: [{ label: "Trade", functionName: "f" }] },
      /^functions\[0\]\.label: expected 1 to 40 of a-z 0-9 -/,
    ],
    [
      "a label repeats",
      {
        tables: [
          { label: "t", tableName: "a" },
          { label: "t", tableName: "b" },
        ],
      },
      /^tables\[1\]\.label: t is used twice/,
    ],
    [
      "a queue's max age is under a minute",
      { queues: [{ label: "q", queueName: "q", maxAgeSeconds: 30 }] },
      /^queues\[0\]\.maxAgeSeconds: must be a whole number of at least 60/,
    ],
    [
      "the ACU threshold is above 100",
      { database: { clusterIdentifier: "c", acuUtilizationPercent: 120 } },
      /^database\.acuUtilizationPercent: must be above 0 and at most 100/,
    ],
    [
      "the latency threshold passes the integration timeout",
      { api: { apiName: "a", stageName: "s", p99LatencyMs: 30000 } },
      /^api\.p99LatencyMs: must be a whole number from 1 to 29000/,
    ],
    [
      "the 5XX rate is 0",
      { api: { apiName: "a", stageName: "s", fiveXxPercent: 0 } },
      /^api\.fiveXxPercent: must be above 0 and at most 100/,
    ],
    [
      "the p95 target is above the p99 target",
      { api: { apiName: "a", stageName: "s", p95LatencyMs: 600, p99LatencyMs: 500 } },
      /^api\.p95LatencyMs: must be at most api\.p99LatencyMs/,
    ],
    [
      "the connection threshold is 0",
      { database: { clusterIdentifier: "c", maxConnections: 0 } },
      /^database\.maxConnections: must be a whole number of at least 1/,
    ],
    [
      "the dead-letter age is under a minute",
      { deadLetterMaxAgeSeconds: 30 },
      /^deadLetterMaxAgeSeconds: must be a whole number of at least 60/,
    ],
  ];
  for (const [when, overrides, message] of cases) {
    it(`should report ${message.source.slice(1, message.source.indexOf(":")).replace(/\\/g, "")} when ${when}`, async () => {
      const found = serviceAlarmsArgsProblems(args(overrides));
      assert.equal(found.length, 1, found.join("\n"));
      assert.match(found[0], message);
    });
  }
  it("should name the dashboard as given", async () => {
    assert.equal(
      (await plan({ dashboardName: "platform-prod-services" })).one("aws:cloudwatch/dashboard:Dashboard").inputs
        .dashboardName,
      "platform-prod-services",
    );
  });

  it("should report dashboardName when it has characters CloudWatch refuses", async () => {
    assert.match(
      serviceAlarmsArgsProblems(args({ dashboardName: "prod services" })).join("\n"),
      /^dashboardName: expected 1 to 255 of A-Z a-z 0-9 - _/,
    );
  });
});
