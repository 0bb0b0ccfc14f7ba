import assert from "node:assert/strict";
import { SECURITY_EVENTS } from "../../platform-rules/security-events";
import { runProgram } from "../testing/harness";
import { SecurityAlarms } from "./security-alarms";

const PAGE = "arn:aws:sns:us-east-1:123456789012:alerts-page";
const plan = () =>
  runProgram(() => new SecurityAlarms("security", { trailLogGroupName: "cloudtrail-logs", topicArn: PAGE }));

describe("SecurityAlarms", () => {
  it("should filter the trail's log group for every CIS section 4 event", async () => {
    const filters = (await plan()).ofType("aws:cloudwatch/logMetricFilter:LogMetricFilter");
    assert.deepEqual(
      filters.map((f) => f.inputs.logGroupName),
      SECURITY_EVENTS.map(() => "cloudtrail-logs"),
    );
  });

  it("should cover CIS controls 4.1 to 4.15", async () => {
    assert.deepEqual(
      SECURITY_EVENTS.map((e) => e.cis),
      Array.from({ length: 15 }, (_, i) => `4.${i + 1}`),
    );
  });

  it("should alarm on the root user's activity", async () => {
    assert.equal((await plan()).named("security-root-account-use-alarm").inputs.metricName, "root-account-use");
  });

  it("should page on ALARM, OK and INSUFFICIENT_DATA", async () => {
    const inputs = (await plan()).named("security-cloudtrail-changes-alarm").inputs;
    assert.deepEqual([inputs.alarmActions, inputs.okActions, inputs.insufficientDataActions], [[PAGE], [PAGE], [PAGE]]);
  });

  it("should treat no matching event as not breaching", async () => {
    assert.equal((await plan()).named("security-vpc-changes-alarm").inputs.treatMissingData, "notBreaching");
  });

  it("should publish no value when nothing matches, so an idle account pays no custom metrics", async () => {
    const transform = (await plan()).named("security-nacl-changes").inputs.metricTransformation as Record<
      string,
      unknown
    >;
    assert.equal(transform.defaultValue, undefined);
  });
});
