import { strict as assert } from "node:assert";
import { emfLine } from "./emf";

describe("dr emf", () => {
  const at = new Date("2026-01-02T03:04:05Z");

  it("should put the value under the metric's name at the top level", async () => {
    const line = JSON.parse(emfLine([{ name: "ReplicationLagSeconds", unit: "Seconds", value: 12.5 }], at));
    assert.equal(line.ReplicationLagSeconds, 12.5);
  });

  it("should declare the metric in the Platform/DR namespace with no dimensions", async () => {
    const line = JSON.parse(emfLine([{ name: "StandbyPromoted", unit: "Count", value: 1 }], at));
    assert.deepEqual(line._aws.CloudWatchMetrics, [
      { Namespace: "Platform/DR", Dimensions: [[]], Metrics: [{ Name: "StandbyPromoted", Unit: "Count" }] },
    ]);
  });

  it("should leave out a metric without a value so the alarm sees missing data", async () => {
    const line = JSON.parse(emfLine([{ name: "ReplicationLagSeconds", unit: "Seconds", value: null }], at));
    assert.deepEqual([line._aws.CloudWatchMetrics[0].Metrics, "ReplicationLagSeconds" in line], [[], false]);
  });

  it("should stamp the line with the given time in milliseconds", async () => {
    assert.equal(JSON.parse(emfLine([], at))._aws.Timestamp, at.getTime());
  });
});
