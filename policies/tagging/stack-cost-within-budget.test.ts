import assert from "node:assert/strict";
import { findingsOf, resource } from "../testing/fixtures";

const VPC = "awsx:ec2:Vpc";
const BUDGET = "aws:budgets/budget:Budget";
const budget = (usd: number) =>
  resource(BUDGET, "budget", {
    budgetType: "COST",
    timeUnit: "MONTHLY",
    limitUnit: "USD",
    limitAmount: usd.toFixed(2),
  });
/** One NAT gateway and its Elastic IP: $36.50 a month fixed, before any usage. */
const vpc = resource(VPC, "vpc", { natGateways: { strategy: "Single" }, numberOfAvailabilityZones: 2 });

describe("stack-cost-within-budget", () => {
  it("should report by how much the estimate is over the budget", async () => {
    const [f] = await findingsOf("stack-cost-within-budget", [vpc, budget(10)]);
    assert.match(f!.message, /over platform:budget\.monthlyUsd \$10\.00 for stack dev by \$2\d\.\d\d/);
  });

  it("should be advisory", async () => {
    const [f] = await findingsOf("stack-cost-within-budget", [vpc, budget(10)]);
    assert.equal(f!.enforcementLevel, "advisory");
  });

  it("should pass when the estimate is within the budget", async () => {
    assert.deepEqual(await findingsOf("stack-cost-within-budget", [vpc, budget(1000)]), []);
  });

  it("should not apply when the stack declares no budget", async () => {
    assert.deepEqual(await findingsOf("stack-cost-within-budget", [vpc]), []);
  });
});
