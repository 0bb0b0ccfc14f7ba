import assert from "node:assert/strict";
import { alarmPeriodProblem, alarmWindowProblem, parseRateExpression, rateExpression } from "./aws-timing";

describe("rateExpression", () => {
  it("should use the singular unit for one minute", async () => {
    assert.equal(rateExpression(60), "rate(1 minute)");
  });

  it("should use the plural unit for two minutes", async () => {
    assert.equal(rateExpression(120), "rate(2 minutes)");
  });

  it("should use hours when the seconds are whole hours", async () => {
    assert.deepEqual([rateExpression(3600), rateExpression(7200)], ["rate(1 hour)", "rate(2 hours)"]);
  });

  it("should throw when the seconds are not whole minutes", async () => {
    assert.throws(() => rateExpression(90), /must be a whole number of minutes in seconds .*got 90/);
  });
});

describe("parseRateExpression", () => {
  it("should read rate(5 minutes) as 300 s", async () => {
    assert.deepEqual(parseRateExpression("rate(5 minutes)"), { seconds: 300 });
  });

  it("should refuse rate(1 minutes), which EventBridge rejects", async () => {
    assert.match(
      (parseRateExpression("rate(1 minutes)") as { problem: string }).problem,
      /singular unit for 1 and the plural otherwise/,
    );
  });

  it("should refuse rate(5 minute), which EventBridge rejects", async () => {
    assert.match((parseRateExpression("rate(5 minute)") as { problem: string }).problem, /rate\(5 minutes\)/);
  });

  it("should refuse rate(0 minutes)", async () => {
    assert.match((parseRateExpression("rate(0 minutes)") as { problem: string }).problem, /at least 1/);
  });

  it("should refuse rate(30 seconds), finer than EventBridge runs", async () => {
    assert.match((parseRateExpression("rate(30 seconds)") as { problem: string }).problem, /is not rate\(/);
  });

  it("should leave cron expressions alone", async () => {
    assert.equal(parseRateExpression("cron(0 6 * * ? *)"), undefined);
  });
});

describe("alarmPeriodProblem", () => {
  it("should accept 30 s on a high-resolution metric", async () => {
    assert.equal(alarmPeriodProblem(30, "high"), undefined);
  });

  it("should refuse 30 s on a standard-resolution metric", async () => {
    assert.match(alarmPeriodProblem(30, "standard") ?? "", /needs a high-resolution metric/);
  });

  it("should refuse 45 s at any resolution", async () => {
    assert.match(alarmPeriodProblem(45, "high") ?? "", /10, 20, 30 or a multiple of 60 seconds; got 45/);
  });

  it("should accept 120 s", async () => {
    assert.equal(alarmPeriodProblem(120, "standard"), undefined);
  });
});

describe("alarmWindowProblem", () => {
  it("should refuse more than a day of sub-hour periods", async () => {
    assert.match(alarmWindowProblem(600, 145) ?? "", /87000 s, over CloudWatch's 86400 s/);
  });

  it("should accept seven days of hourly periods", async () => {
    assert.equal(alarmWindowProblem(3600, 168), undefined);
  });
});
