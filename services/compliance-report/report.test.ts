import assert from "node:assert/strict";
import { buildReport, exitCodeOf, normaliseCompliance, requirementsFor, type RuleFacts } from "./report";

const at = new Date("2026-01-01T06:00:00Z");

function fact(
  name: string,
  identifier: string | undefined,
  compliance?: string,
  extra: Partial<RuleFacts> = {},
): RuleFacts {
  return { name, identifier, compliance, nonCompliantResources: [], ...extra };
}

describe("compliance report model", () => {
  it("should map a managed rule to the catalog's requirements when it has a source identifier", async () => {
    assert.deepEqual(requirementsFor({ identifier: "CW_LOGGROUP_RETENTION_PERIOD_CHECK" }), ["10.5.1"]);
  });

  it("should read requirements from the description when the rule is custom", async () => {
    assert.deepEqual(requirementsFor({ description: "Tags. PCI DSS v4.0.1: 12.5.1, 1.2.4." }), ["1.2.4", "12.5.1"]);
  });

  it("should map nothing when a custom rule's description names no requirement", async () => {
    assert.deepEqual(requirementsFor({ description: "just a check" }), []);
  });

  it("should treat a rule without evaluations as INSUFFICIENT_DATA when compliance is missing", async () => {
    assert.equal(normaliseCompliance(undefined), "INSUFFICIENT_DATA");
  });

  it("should list a rule under each of its requirements when it maps to several", async () => {
    const report = buildReport({
      rules: [fact("r", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", "COMPLIANT")],
      region: "us-east-1",
      generatedAt: at,
    });
    assert.deepEqual(
      report.requirements.map((s) => s.requirement),
      ["10.3.2", "10.3.4"],
    );
  });

  it("should give a requirement the worst status of its rules when they differ", async () => {
    const report = buildReport({
      rules: [fact("a", "S3_BUCKET_SSL_REQUESTS_ONLY", "COMPLIANT"), fact("b", "API_GW_SSL_ENABLED", "NON_COMPLIANT")],
      region: "us-east-1",
      generatedAt: at,
    });
    assert.equal(report.requirements.find((s) => s.requirement === "4.2.1")?.status, "NON_COMPLIANT");
  });

  it("should order requirements numerically when built", async () => {
    const report = buildReport({
      rules: [
        fact("a", "CW_LOGGROUP_RETENTION_PERIOD_CHECK", "COMPLIANT"),
        fact("b", "S3_LIFECYCLE_POLICY_CHECK", "COMPLIANT"),
      ],
      region: "us-east-1",
      generatedAt: at,
    });
    assert.deepEqual(
      report.requirements.map((s) => s.requirement),
      ["3.2.1", "10.5.1"],
    );
  });

  it("should count rules per status in the summary when built", async () => {
    const report = buildReport({
      rules: [fact("a", "S3_LIFECYCLE_POLICY_CHECK", "COMPLIANT"), fact("b", "S3_LIFECYCLE_POLICY_CHECK")],
      region: "us-east-1",
      generatedAt: at,
    });
    assert.deepEqual(report.summary, {
      rules: 2,
      COMPLIANT: 1,
      INSUFFICIENT_DATA: 1,
      NON_COMPLIANT: 0,
      NOT_APPLICABLE: 0,
    });
  });

  it("should exit 1 when any rule is non-compliant", async () => {
    const report = buildReport({
      rules: [fact("a", "S3_LIFECYCLE_POLICY_CHECK", "NON_COMPLIANT")],
      region: "us-east-1",
      generatedAt: at,
    });
    assert.equal(exitCodeOf(report), 1);
  });

  it("should exit 0 when rules only comply or lack data", async () => {
    const report = buildReport({
      rules: [fact("a", "S3_LIFECYCLE_POLICY_CHECK", "COMPLIANT"), fact("b", "VPC_FLOW_LOGS_ENABLED")],
      region: "us-east-1",
      generatedAt: at,
    });
    assert.equal(exitCodeOf(report), 0);
  });

  it("should count at least the listed resources when Config's count is lower", async () => {
    const resources = [{ resourceType: "AWS::S3::Bucket", resourceId: "b" }];
    const report = buildReport({
      rules: [
        fact("a", "S3_LIFECYCLE_POLICY_CHECK", "NON_COMPLIANT", {
          nonCompliantCount: 0,
          nonCompliantResources: resources,
        }),
      ],
      region: "us-east-1",
      generatedAt: at,
    });
    assert.equal(report.requirements[0].rules[0].nonCompliantCount, 1);
  });
});
