import assert from "node:assert/strict";
import { readStackConfig } from "../offline/stack-file";
import { ConfigError, parseStackConfig } from "./index";

function problemsOf(budget: unknown): readonly string[] {
  try {
    parseStackConfig("platform", "dev", { ...readStackConfig("dev"), "platform:budget": budget });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("platform:budget config", () => {
  it("should default the alert thresholds to 80 and 100 percent", async () => {
    const config = parseStackConfig("platform", "dev", readStackConfig("dev"));
    assert.deepEqual(config.budget?.thresholdsPercent, [80, 100]);
  });

  it("should accept a stack with no budget", async () => {
    assert.deepEqual(problemsOf(undefined), []);
  });

  it("should name monthlyUsd when it is not positive", async () => {
    assert.match(problemsOf({ monthlyUsd: -5, alertEmails: ["a@example.com"] })[0]!, /^platform:budget\.monthlyUsd: /);
  });

  it("should name the alert e-mail that is not an address", async () => {
    assert.match(problemsOf({ monthlyUsd: 5, alertEmails: ["finops"] })[0]!, /^platform:budget\.alertEmails\[0\]: /);
  });

  it("should name alertEmails when it is empty", async () => {
    assert.match(problemsOf({ monthlyUsd: 5, alertEmails: [] })[0]!, /^platform:budget\.alertEmails: /);
  });

  it("should name an unknown budget key", async () => {
    assert.match(
      problemsOf({ monthlyUsd: 5, alertEmails: ["a@example.com"], currency: "EUR" })[0]!,
      /^platform:budget\.currency: unknown key/,
    );
  });
});
