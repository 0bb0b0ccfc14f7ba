import assert from "node:assert/strict";
import { runProgram } from "../testing/harness";
import { collectProblems } from "../common/validation";
import { StackBudget, stackBudgetArgsProblems, type StackBudgetArgs } from "./budget";

const args: StackBudgetArgs = {
  monthlyUsd: 150,
  alertEmails: ["finops@example.com"],
  costAllocationTag: { key: "Environment", value: "dev" },
};
const run = (a: StackBudgetArgs = args) => runProgram(() => new StackBudget("b", a));
const problems = (a: Partial<StackBudgetArgs>) => collectProblems((p) => stackBudgetArgsProblems({ ...args, ...a }, p));

describe("StackBudget", () => {
  it("should budget the monthly cost in USD when created", async () => {
    const inputs = (await run()).named("b-budget").inputs;
    assert.deepEqual(
      [inputs.budgetType, inputs.timeUnit, inputs.limitAmount, inputs.limitUnit],
      ["COST", "MONTHLY", "150.00", "USD"],
    );
  });

  it("should filter to the stack's cost-allocation tag when created", async () => {
    assert.deepEqual((await run()).named("b-budget").inputs.costFilters, [
      { name: "TagKeyValue", values: ["user:Environment$dev"] },
    ]);
  });

  it("should alert on actual and forecast spend at 80 % and 100 % by default", async () => {
    const notifications = (await run()).named("b-budget").inputs.notifications as {
      notificationType: string;
      threshold: number;
    }[];
    assert.deepEqual(
      notifications.map((n) => `${n.notificationType}@${n.threshold}`),
      ["ACTUAL@80", "FORECASTED@80", "ACTUAL@100", "FORECASTED@100"],
    );
  });

  it("should send every notification to the alert e-mails", async () => {
    const notifications = (await run()).named("b-budget").inputs.notifications as {
      subscriberEmailAddresses: string[];
    }[];
    assert.ok(notifications.every((n) => n.subscriberEmailAddresses[0] === "finops@example.com"));
  });

  it("should report monthlyUsd when it is not positive", async () => {
    assert.match(problems({ monthlyUsd: 0 })[0]!, /^monthlyUsd: must be a positive amount/);
  });

  it("should report alertEmails when there are none", async () => {
    assert.match(problems({ alertEmails: [] })[0]!, /^alertEmails: needs 1 to 10 addresses/);
  });

  it("should report alertEmails when there are more than AWS Budgets allows", async () => {
    assert.match(
      problems({ alertEmails: Array.from({ length: 11 }, (_, i) => `a${i}@example.com`) })[0]!,
      /^alertEmails: needs 1 to 10/,
    );
  });

  it("should report an alert e-mail that is not an address", async () => {
    assert.match(problems({ alertEmails: ["finops"] })[0]!, /^alertEmails\[0\]: is not an e-mail address/);
  });

  it("should report a threshold outside 1-1000 %", async () => {
    assert.match(problems({ thresholdsPercent: [0] })[0]!, /^thresholdsPercent\[0\]: must be 1 to 1000/);
  });

  it("should report a cost-allocation tag key with a $", async () => {
    assert.match(problems({ costAllocationTag: { key: "a$b", value: "dev" } })[0]!, /^costAllocationTag\.key: /);
  });

  it("should report a cost-allocation tag value with a $", async () => {
    assert.match(
      problems({ costAllocationTag: { key: "Environment", value: "$" } })[0]!,
      /^costAllocationTag\.value: /,
    );
  });
});
