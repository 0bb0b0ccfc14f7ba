/** Issue #16 item 7: the stack budget and the account's cost-anomaly alerts on the ticket route. */
import assert from "node:assert/strict";
import { json, runStack } from "./offline/harness";

describe("cost anomaly alerts in the stacks", () => {
  it("should send prod's cost anomalies to the ticket topic", async () => {
    const plan = await runStack("prod");
    const subscribers = plan.named("cost-anomaly-ticket").inputs.subscribers as { address: unknown }[];
    assert.deepEqual(
      subscribers.map((s) => s.address),
      [plan.named("alerts-ticket-policy").inputs.arn],
    );
  });

  it("should alert at the threshold the stack file sets", async () => {
    const expression = (await runStack("prod")).named("cost-anomaly-ticket").inputs.thresholdExpression as {
      dimension: { values: string[] };
    };
    assert.deepEqual(expression.dimension.values, ["250.00"]);
  });

  it("should let Cost Anomaly Detection publish to the ticket topic", async () => {
    const policy = json<{ Statement: { Principal?: { Service?: string } }[] }>(
      (await runStack("prod")).named("alerts-ticket-policy").inputs.policy,
    );
    assert.ok(policy.Statement.some((s) => s.Principal?.Service === "costalerts.amazonaws.com"));
  });

  it("should create no anomaly monitor when a landing zone owns the account baseline", async () => {
    const plan = await runStack("dev", { configOverrides: { "platform:account": { baseline: "provided" } } });
    assert.deepEqual(
      [plan.ofType("aws:costexplorer/anomalyMonitor:AnomalyMonitor").length, plan.has("aws:budgets/budget:Budget")],
      [0, true],
    );
  });
});
