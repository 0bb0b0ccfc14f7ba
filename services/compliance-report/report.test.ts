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
      onlyExceptions: 0,
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

describe("compliance report exceptions", () => {
  const accessLogs = {
    resourceType: "AWS::S3::Bucket",
    resourceId: "platform-prod-access-logs-123456789012",
    annotation: "no logging",
  };
  const ingestion = { resourceType: "AWS::S3::Bucket", resourceId: "platform-prod-ingestion-123456789012" };
  const logging = (resources: RuleFacts["nonCompliantResources"], count = resources.length) =>
    fact("pci-s3-bucket-logging-enabled", "S3_BUCKET_LOGGING_ENABLED", "NON_COMPLIANT", {
      nonCompliantResources: resources,
      nonCompliantCount: count,
    });
  const build = (rules: RuleFacts[], generatedAt = at) => buildReport({ rules, region: "us-east-1", generatedAt });

  it("should attach the register's exception to the access-log bucket's NON_COMPLIANT result", async () => {
    const rule = build([logging([accessLogs])]).requirements[0]!.rules[0]!;
    assert.equal(rule.nonCompliantResources[0]!.exception?.approver, "compliance-team (provisional)");
  });

  it("should keep the rule NON_COMPLIANT as Config reports it while marking it exceptions-only", async () => {
    const r = build([logging([accessLogs])]);
    assert.deepEqual([r.summary.NON_COMPLIANT, r.summary.onlyExceptions], [1, 1]);
  });

  it("should exit 0 when the only NON_COMPLIANT resources are documented exceptions", async () => {
    assert.equal(exitCodeOf(build([logging([accessLogs])])), 0);
  });

  it("should exit 1 when another bucket fails the same rule", async () => {
    assert.equal(exitCodeOf(build([logging([accessLogs, ingestion])])), 1);
  });

  it("should exit 1 when Config counts more non-compliant resources than it listed", async () => {
    assert.equal(exitCodeOf(build([logging([accessLogs], 2)])), 1);
  });

  it("should attach no exception once its review date has passed", async () => {
    const r = build([logging([accessLogs])], new Date("2027-02-01T00:00:00Z"));
    assert.deepEqual([r.summary.onlyExceptions, exitCodeOf(r)], [0, 1]);
  });

  it("should attach no exception to a rule the register does not name", async () => {
    const r = build([
      fact("pci-s3-ssl", "S3_BUCKET_SSL_REQUESTS_ONLY", "NON_COMPLIANT", { nonCompliantResources: [accessLogs] }),
    ]);
    assert.equal(r.summary.onlyExceptions, 0);
  });
});
