import assert from "node:assert/strict";
import { runProgram } from "../testing/harness";
import { collectProblems } from "../common/validation";
import { CostAnomalyAlerts, costAnomalyAlertsArgsProblems, type CostAnomalyAlertsArgs } from "./anomaly";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:ticket";
const args: CostAnomalyAlertsArgs = { topicArn: TOPIC, thresholdUsd: 250, stack: "prod" };
const run = (a: CostAnomalyAlertsArgs = args) => runProgram(() => new CostAnomalyAlerts("c", a));
const problems = (a: Partial<CostAnomalyAlertsArgs>) =>
  collectProblems((p) => costAnomalyAlertsArgsProblems({ ...args, ...a }, p));

describe("CostAnomalyAlerts", () => {
  it("should monitor each AWS service's spend when created", async () => {
    const inputs = (await run()).named("c-services").inputs;
    assert.deepEqual([inputs.monitorType, inputs.monitorDimension], ["DIMENSIONAL", "SERVICE"]);
  });

  it("should send anomalies to the topic as they are found (SNS takes IMMEDIATE only)", async () => {
    const inputs = (await run()).named("c-ticket").inputs;
    assert.deepEqual([inputs.frequency, inputs.subscribers], ["IMMEDIATE", [{ type: "SNS", address: TOPIC }]]);
  });

  it("should alert at the threshold's total impact in USD", async () => {
    assert.deepEqual((await run()).named("c-ticket").inputs.thresholdExpression, {
      dimension: { key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE", matchOptions: ["GREATER_THAN_OR_EQUAL"], values: ["250.00"] },
    });
  });

  it("should name the monitor after the stack", async () => {
    assert.equal((await run()).named("c-services").inputs.name, "prod-aws-services");
  });

  it("should report thresholdUsd when it is not positive", async () => {
    assert.deepEqual(problems({ thresholdUsd: 0 }), ["thresholdUsd: must be a positive amount of USD; got 0"]);
  });

  it("should report stack when it is not a stack name", async () => {
    assert.deepEqual(problems({ stack: "Prod Stack" }), ['stack: expected 1 to 40 of a-z 0-9 -; got "Prod Stack"']);
  });
});
