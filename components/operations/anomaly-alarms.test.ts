import assert from "node:assert/strict";
import { runProgram } from "../testing/harness";
import { AnomalyAlarms, type AnomalyAlarmsArgs } from "./anomaly-alarms";

const TICKET = "arn:aws:sns:us-east-1:123456789012:alerts-ticket";
const args: AnomalyAlarmsArgs = {
  topicArn: TICKET,
  signals: [
    {
      label: "orders-booked",
      description: "Booked orders",
      namespace: "FxPlatform",
      metricName: "OrderBooked",
      dimensions: { service: "trade-api" },
      stat: "Sum",
      direction: "below",
    },
    {
      label: "api-5xx-rate",
      description: "5XX rate",
      namespace: "AWS/ApiGateway",
      metricName: "5XXError",
      stat: "Average",
      direction: "above",
    },
  ],
  auditStream: { logGroupName: "/aws/lambda/audit-processor", pattern: '{ $.auditOutcome = "DENIED" }' },
};
const plan = () => runProgram(() => new AnomalyAlarms("anomaly", args));
type Query = { id: string; expression?: string };

describe("AnomalyAlarms", () => {
  it("should alarm against a learnt band of two standard deviations", async () => {
    const queries = (await plan()).named("anomaly-api-5xx-rate").inputs.metricQueries as Query[];
    assert.equal(queries.find((q) => q.id === "band")?.expression, "ANOMALY_DETECTION_BAND(signal, 2)");
  });

  it("should alarm when bookings fall below their band", async () => {
    assert.equal((await plan()).named("anomaly-orders-booked").inputs.comparisonOperator, "LessThanLowerThreshold");
  });

  it("should alarm when errors rise above their band", async () => {
    assert.equal((await plan()).named("anomaly-api-5xx-rate").inputs.comparisonOperator, "GreaterThanUpperThreshold");
  });

  it("should turn denied or failed audit outcomes into a metric", async () => {
    const filter = (await plan()).named(
      "anomaly-audit-denied-or-failed",
      "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    ).inputs;
    assert.deepEqual(
      [filter.logGroupName, filter.pattern],
      ["/aws/lambda/audit-processor", '{ $.auditOutcome = "DENIED" }'],
    );
  });

  it("should alarm on anomalies of denied or failed audit outcomes", async () => {
    assert.equal(
      (await plan()).named("anomaly-audit-denied-or-failed", "aws:cloudwatch/metricAlarm:MetricAlarm").inputs
        .thresholdMetricId,
      "band",
    );
  });

  it("should open a ticket on ALARM, OK and INSUFFICIENT_DATA", async () => {
    const inputs = (await plan()).named("anomaly-orders-booked").inputs;
    assert.deepEqual(
      [inputs.alarmActions, inputs.okActions, inputs.insufficientDataActions],
      [[TICKET], [TICKET], [TICKET]],
    );
  });
});
