/**
 * Stack-level properties of the services part (issue #5) on the real dev and prod programs:
 * functions, API Gateway, WAF, messaging and alarms, and the intended dev/prod differences.
 */
import assert from "node:assert/strict";
import { json, runStack, valueOf, type RecordedPlan } from "./offline/harness";
import type { PlanResource } from "../platform-rules/plan-format";
import { MANAGED_RULE_GROUPS } from "../components/services/web-acl";
import { fakeZoneId } from "../components/testing/invokes";

const dev = () => runStack("dev");
const prod = () => runStack("prod");
const FUNCTIONS = ["trade-api", "trade-api-authorizer", "trade-api-migrate", "audit-processor", "data-processor"];
const fnOf = async (plan: Promise<RecordedPlan>, name: string) =>
  (await plan).named(`${name}-function`, "aws:lambda/function:Function");
const dependsOn = (r: PlanResource, input: string, name: string) =>
  (r.propertyDependencies[input] ?? []).some((urn) => urn.endsWith(`::${name}`));
type Statement = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
};
const statements = (plan: RecordedPlan, fn: string) =>
  json<{ Statement: Statement[] }>(plan.named(`${fn}-policy`, "aws:iam/policy:Policy").inputs.policy).Statement;
const alarm = (plan: RecordedPlan, role: string) =>
  plan.named(`services-alarms-${role}`, "aws:cloudwatch/metricAlarm:MetricAlarm");

describe("services stack: functions", () => {
  it("should run every service function on arm64 with nodejs22.x", async () => {
    const plan = await prod();
    assert.deepEqual(
      FUNCTIONS.map((f) => {
        const i = plan.named(`${f}-function`).inputs;
        return [i.architectures, i.runtime];
      }),
      FUNCTIONS.map(() => [["arm64"], "nodejs22.x"]),
    );
  });

  it("should encrypt every function's environment with the Lambda key", async () => {
    const plan = await prod();
    assert.ok(FUNCTIONS.every((f) => dependsOn(plan.named(`${f}-function`), "kmsKeyArn", "keys-lambda")));
  });

  it("should place every function in the app subnets", async () => {
    const plan = await prod();
    assert.ok(
      FUNCTIONS.every((f) =>
        ((plan.named(`${f}-function`).inputs.vpcConfig as { subnetIds: string[] }).subnetIds ?? []).every((s) =>
          s.startsWith("subnet-app-"),
        ),
      ),
    );
  });

  it("should trace every function with X-Ray Active", async () => {
    const plan = await prod();
    assert.ok(
      FUNCTIONS.every((f) => (plan.named(`${f}-function`).inputs.tracingConfig as { mode: string }).mode === "Active"),
    );
  });

  it("should encrypt every function's log group with the logs key", async () => {
    const plan = await prod();
    assert.ok(FUNCTIONS.every((f) => dependsOn(plan.named(`${f}-logs`), "kmsKeyId", "keys-logs")));
  });

  it("should keep function logs for platform:services.logRetentionDays (400)", async () => {
    const plan = await prod();
    assert.deepEqual(
      FUNCTIONS.map((f) => plan.named(`${f}-logs`).inputs.retentionInDays),
      FUNCTIONS.map(() => 400),
    );
  });

  it("should protect function log groups in prod", async () => {
    const plan = await prod();
    assert.ok(FUNCTIONS.every((f) => plan.named(`${f}-logs`).protect));
  });

  it("should not protect function log groups in dev", async () => {
    const plan = await dev();
    assert.ok(FUNCTIONS.every((f) => !plan.named(`${f}-logs`).protect));
  });

  it("should reserve 200 concurrent executions for the trade API in prod", async () => {
    assert.equal((await fnOf(prod(), "trade-api")).inputs.reservedConcurrentExecutions, 200);
  });

  it("should leave the trade API unreserved in dev", async () => {
    assert.equal((await fnOf(dev(), "trade-api")).inputs.reservedConcurrentExecutions, -1);
  });

  it("should give the trade API the configured currency pairs", async () => {
    const env = ((await fnOf(prod(), "trade-api")).inputs.environment as { variables: Record<string, string> })
      .variables;
    assert.equal(env.ALLOWED_PAIRS, "EUR/USD,GBP/USD,USD/JPY,USD/CHF,AUD/USD,USD/CAD,EUR/GBP,EUR/JPY");
  });

  it("should attach no layers to the trade API when it authenticates to the database with IAM", async () => {
    assert.equal((await fnOf(prod(), "trade-api")).inputs.layers, undefined);
  });

  it("should deny the trade API every action outside us-east-1", async () => {
    const deny = statements(await prod(), "trade-api").find((s) => s.Effect === "Deny");
    assert.deepEqual(deny?.Condition, { StringNotEquals: { "aws:RequestedRegion": ["us-east-1"] } });
  });

  it("should give the trade API no DynamoDB access, since the authorizer checks the keys", async () => {
    const actions = statements(await prod(), "trade-api")
      .flatMap((s) => [s.Action].flat())
      .filter((a) => a.startsWith("dynamodb:"));
    assert.deepEqual(actions, []);
  });

  it("should let the authorizer only GetItem on DynamoDB", async () => {
    const actions = statements(await prod(), "trade-api-authorizer")
      .flatMap((s) => [s.Action].flat())
      .filter((a) => a.startsWith("dynamodb:"));
    assert.deepEqual(actions, ["dynamodb:GetItem"]);
  });

  it("should let the authorizer read only the api-keys table", async () => {
    const plan = await prod();
    const lookup = statements(plan, "trade-api-authorizer").find((s) => [s.Action].flat().includes("dynamodb:GetItem"));
    assert.match(
      [lookup?.Resource].flat().join(" "),
      /^arn:aws:dynamodb:us-east-1:\d{12}:table\/tables-api-keys-[0-9a-z]+$/,
    );
  });

  it("should let the authorizer publish to SNS and reach no database, secret, bucket or queue", async () => {
    const actions = statements(await prod(), "trade-api-authorizer")
      .flatMap((s) => [s.Action].flat())
      .filter((a) => /^(sns|secretsmanager|rds-db|s3|sqs):/.test(a));
    assert.deepEqual(actions, ["sns:Publish"]);
  });

  it("should give the authorizer the api-keys table and the audit topic, nothing else", async () => {
    const env = (await fnOf(prod(), "trade-api-authorizer")).inputs.environment as {
      variables: Record<string, string>;
    };
    assert.deepEqual(
      Object.keys(env.variables)
        .filter((k) => !/^(POWERTOOLS_|LOG_LEVEL$|NODE_OPTIONS$)/.test(k))
        .sort(),
      ["API_KEYS_TABLE", "AUDIT_TOPIC_ARN"],
    );
  });

  it("should let the audit processor only Query and PutItem the audit table", async () => {
    const actions = statements(await prod(), "audit-processor")
      .flatMap((s) => [s.Action].flat())
      .filter((a) => a.startsWith("dynamodb:"));
    assert.deepEqual(actions, ["dynamodb:Query", "dynamodb:PutItem"]);
  });

  it("should scope KMS use to named keys, never every key", async () => {
    const plan = await prod();
    const wide = FUNCTIONS.flatMap((f) => statements(plan, f)).filter(
      (s) =>
        s.Effect === "Allow" &&
        [s.Action].flat().some((a) => a.startsWith("kms:")) &&
        [s.Resource].flat().includes("*"),
    );
    assert.deepEqual(wide, []);
  });

  it("should let the data processor write only under the analytics prefix of the analytics bucket", async () => {
    const write = statements(await prod(), "data-processor").find((s) => s.Sid === "WriteAnalytics");
    assert.match(String([write?.Resource].flat()[0]), /^arn:aws:s3:::.*\/market-data\/\*$/);
  });

  it("should send the data processor's failed events to its dead-letter queue", async () => {
    const plan = await prod();
    assert.ok(dependsOn(plan.named("data-processor-async"), "destinationConfig", "data-processor-dlq-queue"));
  });
});

describe("services stack: messaging", () => {
  it("should encrypt the audit topic with the messaging key", async () => {
    assert.ok(dependsOn((await prod()).named("audit-topic"), "kmsMasterKeyId", "keys-messaging"));
  });

  it("should encrypt the audit queue and its DLQ with the messaging key", async () => {
    const plan = await prod();
    assert.ok(["audit-queue", "audit-dlq"].every((q) => dependsOn(plan.named(q), "kmsMasterKeyId", "keys-messaging")));
  });

  it("should keep audit messages 14 days in the queue and the DLQ", async () => {
    const plan = await prod();
    assert.deepEqual(
      ["audit-queue", "audit-dlq"].map((q) => plan.named(q).inputs.messageRetentionSeconds),
      [1209600, 1209600],
    );
  });

  it("should hide received messages for 300 s, at least 6 times the processor timeout", async () => {
    const plan = await prod();
    const visibility = plan.named("audit-queue").inputs.visibilityTimeoutSeconds as number;
    assert.ok(
      visibility === 300 && visibility >= 6 * (plan.named("audit-processor-function").inputs.timeout as number),
    );
  });

  it("should move a message to the DLQ after platform:services.dlqMaxReceiveCount receives", async () => {
    assert.equal(
      json<{ maxReceiveCount: number }>((await prod()).named("audit-queue").inputs.redrivePolicy).maxReceiveCount,
      5,
    );
  });

  it("should accept queue messages only from the audit topic", async () => {
    const policy = json<{ Statement: Statement[] }>((await prod()).named("audit-queue-policy").inputs.policy);
    assert.match(
      String(policy.Statement[0].Condition?.ArnEquals?.["aws:SourceArn"]),
      /^arn:aws:sns:us-east-1:\d{12}:audit-topic/,
    );
  });

  it("should deny non-TLS access to the audit topic", async () => {
    const policy = json<{ Statement: Statement[] }>((await prod()).named("audit-topic-policy").inputs.policy);
    assert.ok(
      policy.Statement.some((s) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false"),
    );
  });

  it("should log failed audit deliveries to a log group encrypted with the logs key", async () => {
    const plan = await prod();
    assert.ok(
      dependsOn(plan.named("audit-topic"), "sqsFailureFeedbackRoleArn", "audit-delivery-logging-role") &&
        dependsOn(plan.named("audit-delivery-logs-failure"), "kmsKeyId", "keys-logs"),
    );
  });

  it("should deliver raw messages to the queue", async () => {
    assert.equal((await prod()).named("audit-subscription").inputs.rawMessageDelivery, true);
  });

  it("should feed the processor batches of 100 reporting item failures", async () => {
    const mapping = (await prod()).named("audit-processor", "aws:lambda/eventSourceMapping:EventSourceMapping").inputs;
    assert.deepEqual([mapping.batchSize, mapping.functionResponseTypes], [100, ["ReportBatchItemFailures"]]);
  });

  it("should invoke the data processor for objects created under incoming/", async () => {
    const fns = (await prod()).named("data-ingestion-notification").inputs.lambdaFunctions as {
      events: string[];
      filterPrefix: string;
    }[];
    assert.deepEqual([fns[0].events, fns[0].filterPrefix], [["s3:ObjectCreated:*"], "incoming/"]);
  });

  it("should let only the ingestion bucket of this account invoke the data processor", async () => {
    const permission = (await prod()).named("data-ingestion-permission");
    assert.ok(
      dependsOn(permission, "sourceArn", "ingestion-bucket") && typeof permission.inputs.sourceAccount === "string",
    );
  });
});

describe("services stack: API Gateway and WAF", () => {
  it("should serve the API from a regional endpoint", async () => {
    assert.deepEqual((await prod()).named("api-api").inputs.endpointConfiguration, { types: "REGIONAL" });
  });

  it("should require an API key on the /v1 methods and not on /health", async () => {
    const plan = await prod();
    const keyRequired = Object.fromEntries(
      plan.ofType("aws:apigateway/method:Method").map((m) => [m.name, m.inputs.apiKeyRequired]),
    );
    assert.deepEqual(keyRequired, {
      "api-post-v1-orders": true,
      "api-get-v1-orders-orderId": true,
      "api-get-v1-orders-orderId-proof": true,
      "api-get-v1-ledger-verify": true,
      "api-get-health": false,
    });
  });

  it("should validate the order body against the OrderRequest model", async () => {
    const post = (await prod()).named("api-post-v1-orders");
    assert.ok(
      dependsOn(post, "requestValidatorId", "api-validator") && dependsOn(post, "requestModels", "api-order-model"),
    );
  });

  it("should proxy every client method to the trade API function", async () => {
    const plan = await prod();
    assert.ok(
      plan
        .ofType("aws:apigateway/integration:Integration")
        .filter((i) => i.name !== "api-get-health-integration")
        .every((i) => i.inputs.type === "AWS_PROXY" && dependsOn(i, "uri", "trade-api-function")),
    );
  });

  it("should answer /health from API Gateway itself (MOCK, no backend)", async () => {
    const i = (await prod()).named("api-get-health-integration").inputs;
    assert.deepEqual([i.type, i.uri], ["MOCK", undefined]);
  });

  it("should trace the stage with X-Ray", async () => {
    assert.equal((await prod()).named("api-stage").inputs.xrayTracingEnabled, true);
  });

  it("should write JSON access logs to a log group encrypted with the logs key", async () => {
    const plan = await prod();
    const format = json<Record<string, string>>(
      (plan.named("api-stage").inputs.accessLogSettings as { format: string }).format,
    );
    assert.ok(
      format.requestId === "$context.requestId" && dependsOn(plan.named("api-access-logs"), "kmsKeyId", "keys-logs"),
    );
  });

  it("should pre-create the execution log group encrypted with the logs key", async () => {
    const plan = await prod();
    assert.ok(dependsOn(plan.named("api-execution-logs"), "kmsKeyId", "keys-logs"));
  });

  it("should never trace request data in execution logs", async () => {
    assert.equal(
      ((await prod()).named("api-settings").inputs.settings as Record<string, unknown>).dataTraceEnabled,
      false,
    );
  });

  it("should log execution errors only in prod", async () => {
    assert.equal(
      ((await prod()).named("api-settings").inputs.settings as Record<string, unknown>).loggingLevel,
      "ERROR",
    );
  });

  it("should log execution at INFO in dev", async () => {
    assert.equal(((await dev()).named("api-settings").inputs.settings as Record<string, unknown>).loggingLevel, "INFO");
  });

  it("should throttle the usage plan at 1000/s with bursts of 2000 in prod", async () => {
    assert.deepEqual((await prod()).named("api-usage-plan").inputs.throttleSettings, {
      rateLimit: 1000,
      burstLimit: 2000,
    });
  });

  it("should throttle the usage plan at 100/s with bursts of 200 in dev", async () => {
    assert.deepEqual((await dev()).named("api-usage-plan").inputs.throttleSettings, {
      rateLimit: 100,
      burstLimit: 200,
    });
  });

  it("should serve api.<zone> over TLS 1.2 or newer", async () => {
    const domain = (await prod()).named("api-domain-domain").inputs;
    assert.deepEqual([domain.domainName, domain.securityPolicy], ["api.fx.example.com", "TLS_1_2"]);
  });

  it("should validate the certificate through DNS in the existing zone of platform:dr.dns.zoneName", async () => {
    const plan = await prod();
    const record = plan.named("api-domain-validation", "aws:route53/record:Record").inputs;
    assert.deepEqual(
      [plan.named("api-domain-certificate").inputs.validationMethod, record.zoneId],
      ["DNS", fakeZoneId("fx.example.com")],
    );
  });

  it("should associate a regional web ACL with the stage", async () => {
    const plan = await prod();
    assert.ok(
      plan.named("api-waf-acl").inputs.scope === "REGIONAL" &&
        dependsOn(plan.named("api-waf-association"), "resourceArn", "api-stage"),
    );
  });

  it("should apply the four AWS managed rule groups", async () => {
    const rules = (await prod()).named("api-waf-acl").inputs.rules as {
      statement: { managedRuleGroupStatement?: { name: string } };
    }[];
    assert.deepEqual(
      rules.flatMap((r) => r.statement.managedRuleGroupStatement?.name ?? []).sort(),
      [...MANAGED_RULE_GROUPS].sort(),
    );
  });

  it("should rate-limit each IP at platform:services.wafRateLimitPer5Min in prod (10000)", async () => {
    const rules = (await prod()).named("api-waf-acl").inputs.rules as {
      statement: { rateBasedStatement?: { limit: number } };
    }[];
    assert.equal(rules.find((r) => r.statement.rateBasedStatement)?.statement.rateBasedStatement?.limit, 10000);
  });

  it("should rate-limit each IP at 2000 in dev", async () => {
    const rules = (await dev()).named("api-waf-acl").inputs.rules as {
      statement: { rateBasedStatement?: { limit: number } };
    }[];
    assert.equal(rules.find((r) => r.statement.rateBasedStatement)?.statement.rateBasedStatement?.limit, 2000);
  });

  it("should log WAF requests to an aws-waf-logs- group encrypted with the logs key", async () => {
    const group = (await prod()).named("api-waf-logs");
    assert.ok(String(group.inputs.namePrefix).startsWith("aws-waf-logs-") && dependsOn(group, "kmsKeyId", "keys-logs"));
  });

  it("should redact the x-api-key header from WAF logs", async () => {
    const fields = (await prod()).named("api-waf-logging").inputs.redactedFields as {
      singleHeader?: { name: string };
    }[];
    assert.ok(fields.some((f) => f.singleHeader?.name === "x-api-key"));
  });

  it("should point api.<zone> at the API with a plain alias when DR is off (dev)", async () => {
    assert.ok((await dev()).has("aws:route53/record:Record", "api-alias"));
  });

  it("should leave api.<zone> to the DR failover records when DR is on (prod)", async () => {
    assert.ok(!(await prod()).has("aws:route53/record:Record", "api-alias"));
  });

  it("should create no hosted zone when planning either stack (the DNS bootstrap owns them)", async () => {
    assert.deepEqual(
      [(await dev()).has("aws:route53/zone:Zone"), (await prod()).has("aws:route53/zone:Zone")],
      [false, false],
    );
  });

  it("should export the public API URL", async () => {
    assert.equal(await valueOf((await prod()).outputs.apiUrl), "https://api.fx.example.com/");
  });
});

describe("services stack: alarms and dashboard", () => {
  it("should encrypt the page topic with the messaging key", async () => {
    assert.ok(dependsOn((await prod()).named("alerts-page"), "kmsMasterKeyId", "keys-messaging"));
  });

  it("should encrypt the ticket topic with the messaging key", async () => {
    assert.ok(dependsOn((await prod()).named("alerts-ticket"), "kmsMasterKeyId", "keys-messaging"));
  });

  it("should notify the page or the ticket topic from every services alarm", async () => {
    const plan = await prod();
    const alarms = plan
      .ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
      .filter((a) => a.name.startsWith("services-alarms-"));
    const routed = (a: (typeof alarms)[number]) =>
      ["alerts-page", "alerts-ticket"].some(
        (t) => dependsOn(a, "alarmActions", t) && dependsOn(a, "insufficientDataActions", t),
      );
    assert.ok(alarms.length > 0 && alarms.every(routed));
  });

  it("should subscribe prod's page route from platform:alerts", async () => {
    assert.equal((await prod()).named("alerts-page-email-0").inputs.endpoint, "platform-oncall@fx.example.com");
  });

  it("should alarm on API 5XX errors as a share of requests", async () => {
    const queries = alarm(await prod(), "api-5xx").inputs.metricQueries as {
      id: string;
      metric?: { metricName: string };
    }[];
    assert.deepEqual(
      queries.flatMap((q) => q.metric?.metricName ?? []),
      ["5XXError", "Count"],
    );
  });

  it("should alarm on prod's p95 latency SLO", async () => {
    assert.equal(alarm(await prod(), "api-latency-p95").inputs.threshold, 100);
  });

  it("should alarm on API p99 latency", async () => {
    assert.equal(alarm(await prod(), "api-latency-p99").inputs.extendedStatistic, "p99");
  });

  it("should alarm on errors and throttles of every service function", async () => {
    const plan = await prod();
    const labels = ["trade-api", "audit-processor", "data-processor"];
    assert.deepEqual(
      labels.flatMap((l) => [
        alarm(plan, `${l}-errors`).inputs.metricName,
        alarm(plan, `${l}-throttles`).inputs.metricName,
      ]),
      labels.flatMap(() => ["Errors", "Throttles"]),
    );
  });

  it("should alarm on any message in either dead-letter queue", async () => {
    const plan = await prod();
    const dlq = ["audit-dlq-depth", "data-processor-dlq-depth"].map((r) => alarm(plan, r).inputs);
    assert.ok(
      dlq.every(
        (a) =>
          a.metricName === "ApproximateNumberOfMessagesVisible" &&
          a.threshold === 0 &&
          a.comparisonOperator === "GreaterThanThreshold",
      ),
    );
  });

  it("should alarm on the age of the oldest audit queue message", async () => {
    assert.equal(alarm(await prod(), "audit-queue-oldest-message").inputs.metricName, "ApproximateAgeOfOldestMessage");
  });

  it("should alarm when Aurora nears its maximum capacity", async () => {
    assert.equal(alarm(await prod(), "aurora-acu").inputs.metricName, "ACUUtilization");
  });

  it("should page on RDS Proxy borrow latency for prod's proxy", async () => {
    const plan = await prod();
    assert.deepEqual(alarm(plan, "db-proxy-borrow-latency").inputs.dimensions, {
      ProxyName: plan.named("db-proxy-proxy", "aws:rds/proxy:Proxy").inputs.name,
    });
  });

  it("should alarm on throttling of the api-keys and audit tables", async () => {
    const plan = await prod();
    assert.ok(
      ["api-keys-throttles", "audit-events-throttles"].every((r) =>
        plan.has("aws:cloudwatch/metricAlarm:MetricAlarm", `services-alarms-${r}`),
      ),
    );
  });

  it("should build a dashboard with API, Lambda, queue, Aurora and DynamoDB widgets", async () => {
    const body = json<{ widgets: { properties: { title: string } }[] }>(
      (await prod()).named("services-alarms-dashboard").inputs.dashboardBody,
    );
    const titles = body.widgets.map((w) => w.properties.title).join("|");
    assert.ok(
      ["API requests", "Lambda trade-api", "Queues", "Aurora capacity", "DynamoDB throttles"].every((t) =>
        titles.includes(t),
      ),
      titles,
    );
  });
});
