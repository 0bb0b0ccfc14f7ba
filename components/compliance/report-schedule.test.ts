import assert from "node:assert/strict";
import { complianceReportScheduleArgsProblems, type ComplianceReportScheduleArgs } from "./report-schedule";

const base = {
  code: undefined as never,
  auditBucket: { bucket: "audit", arn: "arn:aws:s3:::audit" },
  storageKeyArn: "k1",
  environmentKeyArn: "k2",
  logsKeyArn: "k3",
  allowedRegions: ["us-east-1"],
  region: "us-east-1",
  accountId: "123456789012",
} satisfies ComplianceReportScheduleArgs;

describe("ComplianceReportSchedule", () => {
  it("should accept the defaults when only the required args are given", async () => {
    assert.deepEqual(complianceReportScheduleArgsProblems(base), []);
  });

  it("should name schedule when a Unix cron has five fields", async () => {
    assert.match(
      complianceReportScheduleArgsProblems({ ...base, schedule: "cron(0 6 * * *)" })[0],
      /^schedule: expected cron\(<6 fields>\) or rate/,
    );
  });

  it("should accept a rate expression when given in days", async () => {
    assert.deepEqual(complianceReportScheduleArgsProblems({ ...base, schedule: "rate(1 day)" }), []);
  });

  it("should name reportPrefix when it has a slash", async () => {
    assert.match(
      complianceReportScheduleArgsProblems({ ...base, reportPrefix: "reports/pci" })[0],
      /^reportPrefix: must be one lowercase path segment/,
    );
  });

  it("should name rulesPrefix when it has spaces", async () => {
    assert.match(
      complianceReportScheduleArgsProblems({ ...base, rulesPrefix: "pci prod" })[0],
      /^rulesPrefix: use letters, digits/,
    );
  });
});
