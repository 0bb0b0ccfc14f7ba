/**
 * Real-cloud rules the mock engine cannot see, checked on the real dev and prod programs
 * (issue #11). Each names the AWS documentation or provider issue behind it; the sources are
 * collected in docs/deploy-readiness.md.
 */
import assert from "node:assert/strict";
import { SNS_TOPIC_POLICY_ACTIONS } from "../components/services/queues";
import { json, runStack, type RecordedPlan } from "./offline/harness";

const STACKS = ["dev", "prod"] as const;
type Statement = { Sid?: string; Action: string | string[] };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const policyOf = (plan: RecordedPlan, type: string) =>
  plan.ofType(type).map((r) => ({ name: r.name, statements: json<{ Statement: Statement[] }>(r.inputs.policy).Statement }));

describe("deploy readiness: resource policies", () => {
  for (const stack of STACKS) {
    it(`should name only SNS topic-policy actions in every topic policy when planning ${stack}`, async () => {
      // SNS refuses "*" and "sns:*": "Policy statement action out of service scope!"
      const allowed: readonly string[] = SNS_TOPIC_POLICY_ACTIONS;
      const bad = policyOf(await runStack(stack), "aws:sns/topicPolicy:TopicPolicy").flatMap((p) =>
        p.statements.flatMap((s) => actionsOf(s).filter((a) => !allowed.includes(a)).map((a) => `${p.name} ${s.Sid}: ${a}`)),
      );
      assert.deepEqual(bad, []);
    });

    it(`should name only sqs: actions in every queue policy when planning ${stack}`, async () => {
      const bad = policyOf(await runStack(stack), "aws:sqs/queuePolicy:QueuePolicy").flatMap((p) =>
        p.statements.flatMap((s) => actionsOf(s).filter((a) => !a.startsWith("sqs:")).map((a) => `${p.name} ${s.Sid}: ${a}`)),
      );
      assert.deepEqual(bad, []);
    });
  }
});
