/**
 * Real-cloud rules the mock engine cannot see, checked on the real dev and prod programs
 * (issue #11). Each names the AWS documentation or provider issue behind it; the sources are
 * collected in docs/deploy-readiness.md.
 */
import assert from "node:assert/strict";
import { SNS_TOPIC_POLICY_ACTIONS } from "../components/services/queues";
import * as pulumi from "@pulumi/pulumi";
import { json, runStack, valueOf, type RecordedPlan } from "./offline/harness";

const STACKS = ["dev", "prod"] as const;
type Statement = { Sid?: string; Action: string | string[] };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const policyOf = (plan: RecordedPlan, type: string) =>
  plan
    .ofType(type)
    .map((r) => ({ name: r.name, statements: json<{ Statement: Statement[] }>(r.inputs.policy).Statement }));

describe("deploy readiness: resource policies", () => {
  for (const stack of STACKS) {
    it(`should name only SNS topic-policy actions in every topic policy when planning ${stack}`, async () => {
      // SNS refuses "*" and "sns:*": "Policy statement action out of service scope!"
      const allowed: readonly string[] = SNS_TOPIC_POLICY_ACTIONS;
      const bad = policyOf(await runStack(stack), "aws:sns/topicPolicy:TopicPolicy").flatMap((p) =>
        p.statements.flatMap((s) =>
          actionsOf(s)
            .filter((a) => !allowed.includes(a))
            .map((a) => `${p.name} ${s.Sid}: ${a}`),
        ),
      );
      assert.deepEqual(bad, []);
    });

    it(`should name only sqs: actions in every queue policy when planning ${stack}`, async () => {
      const bad = policyOf(await runStack(stack), "aws:sqs/queuePolicy:QueuePolicy").flatMap((p) =>
        p.statements.flatMap((s) =>
          actionsOf(s)
            .filter((a) => !a.startsWith("sqs:"))
            .map((a) => `${p.name} ${s.Sid}: ${a}`),
        ),
      );
      assert.deepEqual(bad, []);
    });
  }
});

describe("deploy readiness: the API's endpoints", () => {
  for (const stack of STACKS) {
    it(`should disable every REST API's default execute-api endpoint when planning ${stack}`, async () => {
      const apis = (await runStack(stack)).ofType("aws:apigateway/restApi:RestApi");
      assert.deepEqual(
        apis.map((a) => [a.name, a.inputs.disableExecuteApiEndpoint]),
        apis.map((a) => [a.name, true]),
      );
    });

    it(`should export no execute-api URL when planning ${stack}`, async () => {
      const outputs = JSON.stringify(await valueOf(pulumi.output((await runStack(stack)).outputs)));
      assert.doesNotMatch(outputs, /execute-api\.[a-z0-9-]+\.amazonaws\.com\/[a-z]/);
    });
  }

  it("should probe the primary through the AWS-only origin domain, not the execute-api host (prod)", async () => {
    const plan = await runStack("prod");
    const check = plan.named("dr-dns-primary-check").inputs;
    assert.deepEqual(
      [check.fqdn, check.resourcePath, plan.named("api-mapping-2").inputs.domainName],
      ["api-origin.fx.example.com", "/health", "api-origin.fx.example.com"],
    );
  });
});

describe("deploy readiness: account-wide names and tracing", () => {
  it("should give dev and prod different dashboard names (names are per account and region)", async () => {
    const names = await Promise.all(
      STACKS.map(async (s) =>
        (await runStack(s)).ofType("aws:cloudwatch/dashboard:Dashboard").map((d) => d.inputs.dashboardName),
      ),
    );
    assert.deepEqual(names, [["platform-dev-services"], ["platform-prod-services"]]);
  });

  for (const stack of STACKS) {
    it(`should use SNS active tracing only with an X-Ray resource policy for SNS when planning ${stack}`, async () => {
      const plan = await runStack(stack);
      const active = plan
        .ofType("aws:sns/topic:Topic")
        .filter((t) => t.inputs.tracingConfig === "Active")
        .map((t) => t.name);
      assert.deepEqual(
        [active, plan.has("aws:xray/resourcePolicy:ResourcePolicy")].filter((x) => x !== false),
        [[]],
      );
    });
  }
});
