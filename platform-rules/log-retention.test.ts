import assert from "node:assert/strict";
import { logAnalyticsRetentionProblem, logRetentionProblem, PCI_CLOUDWATCH_RETENTION_DAYS } from "./log-retention";

describe("logRetentionProblem", () => {
  it("should accept 365 and 400 days", async () => {
    assert.deepEqual([logRetentionProblem(365), logRetentionProblem(400)], [undefined, undefined]);
  });

  it("should refuse a period CloudWatch Logs does not accept, listing the PCI periods", async () => {
    assert.equal(
      logRetentionProblem(500),
      `must be one of the periods CloudWatch Logs accepts (${PCI_CLOUDWATCH_RETENTION_DAYS.join(", ")}); got 500`,
    );
  });

  it("should refuse a CloudWatch period under 365 days naming PCI DSS 10.5.1", async () => {
    assert.match(logRetentionProblem(180) ?? "", /at least 365 \(PCI DSS 10\.5\.1/);
  });
});

describe("logAnalyticsRetentionProblem", () => {
  it("should accept 365 to 730 days", async () => {
    assert.deepEqual([logAnalyticsRetentionProblem(365), logAnalyticsRetentionProblem(730)], [undefined, undefined]);
  });

  it("should refuse 90 and 731 days", async () => {
    assert.ok(logAnalyticsRetentionProblem(90) && logAnalyticsRetentionProblem(731));
  });
});
