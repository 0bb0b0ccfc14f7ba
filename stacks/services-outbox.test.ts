/**
 * The audit-outbox sweeper in the stack (issue #13 item 5): its schedule, its least-privilege
 * role (one database user, publish to the audit topic) and its alarms.
 */
import assert from "node:assert/strict";
import { awsState } from "../components/testing/fake-cloud";
import { json, runStack, type RecordedPlan } from "./offline/harness";
import type { PlanResource } from "../platform-rules/plan-format";

const prod = () => runStack("prod");
const dev = () => runStack("dev");
type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: string | string[] };
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
const statements = (plan: RecordedPlan) =>
  json<{ Statement: Statement[] }>(plan.named("trade-api-outbox-policy", "aws:iam/policy:Policy").inputs.policy)
    .Statement;
const dependsOn = (r: PlanResource, input: string, name: string) =>
  (r.propertyDependencies[input] ?? []).some((urn) => urn.endsWith(`::${name}`));
const state = (r: PlanResource) => awsState(r.type, r.name, r.inputs as Record<string, unknown>, "us-east-1").state;
const env = (plan: RecordedPlan) =>
  (
    plan.named("trade-api-outbox-function", "aws:lambda/function:Function").inputs.environment as {
      variables: Record<string, string>;
    }
  ).variables;

describe("services stack: audit outbox sweeper", () => {
  it("should run the sweeper every minute in prod", async () => {
    const rule = (await prod()).named("trade-api-outbox-schedule", "aws:cloudwatch/eventRule:EventRule");
    assert.equal(rule.inputs.scheduleExpression, "rate(1 minute)");
  });

  it("should run the sweeper hourly in dev, so the scale-to-zero cluster can pause", async () => {
    const rule = (await dev()).named("trade-api-outbox-schedule", "aws:cloudwatch/eventRule:EventRule");
    assert.equal(rule.inputs.scheduleExpression, "rate(1 hour)");
  });

  it("should target the sweeper function from its schedule", async () => {
    const target = (await prod()).named("trade-api-outbox-target", "aws:cloudwatch/eventTarget:EventTarget");
    assert.ok(
      dependsOn(target, "arn", "trade-api-outbox-function") && dependsOn(target, "rule", "trade-api-outbox-schedule"),
    );
  });

  it("should let only its schedule invoke the sweeper", async () => {
    const permission = (await prod()).named("trade-api-outbox-invoke", "aws:lambda/permission:Permission");
    assert.deepEqual(
      [permission.inputs.principal, dependsOn(permission, "sourceArn", "trade-api-outbox-schedule")],
      ["events.amazonaws.com", true],
    );
  });

  it("should let the sweeper connect only as trade_outbox through RDS Proxy in prod", async () => {
    const plan = await prod();
    const proxyId = String(state(plan.named("db-proxy-proxy", "aws:rds/proxy:Proxy")).arn)
      .split(":")
      .pop();
    const connect = statements(plan).filter((s) => list(s.Action).includes("rds-db:connect"));
    assert.deepEqual(
      connect.flatMap((s) => list(s.Resource)),
      [`arn:aws:rds-db:us-east-1:123456789012:dbuser:${proxyId}/trade_outbox`],
    );
  });

  it("should log the sweeper in as trade_outbox with IAM auth", async () => {
    const variables = env(await dev());
    assert.deepEqual([variables.DB_IAM_USER, variables.DB_SECRET_ARN], ["trade_outbox", undefined]);
  });

  it("should let the sweeper publish only to the audit topic", async () => {
    const plan = await prod();
    const publish = statements(plan).filter((s) => list(s.Action).includes("sns:Publish"));
    assert.deepEqual(
      publish.flatMap((s) => list(s.Resource)),
      [state(plan.named("audit-topic", "aws:sns/topic:Topic")).arn],
    );
  });

  it("should give the sweeper no actions beyond logging, tracing, ENIs, connecting, publishing and the keys", async () => {
    const actions = statements(await prod())
      .filter((s) => s.Effect === "Allow")
      .flatMap((s) => list(s.Action))
      .filter((a) => !/^(logs|xray|ec2):/.test(a));
    // kms:Decrypt twice: the Lambda key for its own environment (every function) and the messaging key.
    assert.deepEqual(actions.sort(), [
      "kms:Decrypt",
      "kms:Decrypt",
      "kms:GenerateDataKey",
      "rds-db:connect",
      "sns:Publish",
    ]);
  });

  it("should alarm on the sweeper's errors to the ticket route on alarm, OK and insufficient data", async () => {
    const alarm = (await prod()).named(
      "services-alarms-trade-api-outbox-errors",
      "aws:cloudwatch/metricAlarm:MetricAlarm",
    );
    assert.ok(
      ["alarmActions", "okActions", "insufficientDataActions"].every((a) => dependsOn(alarm, a, "alerts-ticket")),
    );
  });
});
