import assert from "node:assert/strict";
import { ConfigError, parseStackConfig } from "./index";
import { readStackConfig } from "../offline/stack-file";

/** A stack's config with `platform:compliance` changed by `patch`. */
function withCompliance(stack: "dev" | "prod", patch: (c: Record<string, any>) => void): Record<string, unknown> {
  const raw = readStackConfig(stack);
  const section = structuredClone(raw["platform:compliance"] ?? {}) as Record<string, any>;
  patch(section);
  return { ...raw, "platform:compliance": section };
}

function problemsOf(stack: "dev" | "prod", raw: Record<string, unknown>): readonly string[] {
  try {
    parseStackConfig("platform", stack, raw);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("platform:compliance config", () => {
  it("should accept both stacks' compliance settings when unchanged", async () => {
    assert.deepEqual(
      [...problemsOf("dev", readStackConfig("dev")), ...problemsOf("prod", readStackConfig("prod"))],
      [],
    );
  });

  it("should name the item and suggest the closest rule when an added identifier is unknown", async () => {
    const problems = problemsOf(
      "dev",
      withCompliance("dev", (c) => (c.addRules = ["S3_BUCKET_SSL_REQUEST_ONLY"])),
    );
    const problem = problems.find((p) => p.startsWith("platform:compliance.addRules[0]:"));
    assert.match(
      problem ?? problems.join("\n"),
      /not a rule of the PCI DSS conformance packs.*did you mean S3_BUCKET_SSL_REQUESTS_ONLY/,
    );
  });

  it("should name the item when an excluded identifier is unknown", async () => {
    const problems = problemsOf(
      "dev",
      withCompliance("dev", (c) => (c.excludeRules = ["IAM_PASSWORD_POLICY", "ROOT_MFA"])),
    );
    assert.ok(
      problems.some((p) => p.startsWith("platform:compliance.excludeRules[1]: ROOT_MFA is not a rule")),
      problems.join("\n"),
    );
  });

  it("should ask for capitals when an identifier is written as a rule name", async () => {
    const problems = problemsOf(
      "dev",
      withCompliance("dev", (c) => (c.addRules = ["s3-bucket-ssl-requests-only"])),
    );
    assert.ok(
      problems.some((p) =>
        p.startsWith("platform:compliance.addRules[0]: expected an AWS Config managed rule identifier in capitals"),
      ),
      problems.join("\n"),
    );
  });

  it("should reject a rule listed twice when it repeats", async () => {
    const problems = problemsOf(
      "dev",
      withCompliance("dev", (c) => (c.excludeRules = ["IAM_PASSWORD_POLICY", "IAM_PASSWORD_POLICY"])),
    );
    assert.ok(
      problems.some((p) => p === "platform:compliance.excludeRules[1]: IAM_PASSWORD_POLICY is listed twice"),
      problems.join("\n"),
    );
  });

  it("should reject a rule both added and excluded when listed in both", async () => {
    const problems = problemsOf(
      "dev",
      withCompliance(
        "dev",
        (c) => ((c.addRules = ["S3_BUCKET_REPLICATION_ENABLED"]), (c.excludeRules = ["S3_BUCKET_REPLICATION_ENABLED"])),
      ),
    );
    assert.ok(
      problems.some((p) =>
        p.startsWith("platform:compliance.addRules[0]: S3_BUCKET_REPLICATION_ENABLED is also in excludeRules"),
      ),
      problems.join("\n"),
    );
  });

  it("should reject adding a rule that needs an operator-written parameter when added", async () => {
    const problems = problemsOf(
      "dev",
      withCompliance("dev", (c) => (c.addRules = ["S3_BUCKET_POLICY_NOT_MORE_PERMISSIVE"])),
    );
    assert.ok(
      problems.some(
        (p) =>
          p.startsWith("platform:compliance.addRules[0]: S3_BUCKET_POLICY_NOT_MORE_PERMISSIVE cannot be deployed") &&
          p.includes("controlPolicy"),
      ),
      problems.join("\n"),
    );
  });

  it("should reject a schedule that is neither cron nor rate when malformed", async () => {
    const problems = problemsOf(
      "dev",
      withCompliance("dev", (c) => (c.reportSchedule = "daily at 6")),
    );
    assert.ok(
      problems.some((p) => p.startsWith("platform:compliance.reportSchedule: expected an EventBridge schedule")),
      problems.join("\n"),
    );
  });

  it("should reject a cron schedule with five fields when written Unix-style", async () => {
    const problems = problemsOf(
      "dev",
      withCompliance("dev", (c) => (c.reportSchedule = "cron(0 6 * * *)")),
    );
    assert.ok(
      problems.some((p) => p.startsWith("platform:compliance.reportSchedule:")),
      problems.join("\n"),
    );
  });

  it("should reject an unknown recording frequency when misspelled", async () => {
    const problems = problemsOf(
      "dev",
      withCompliance("dev", (c) => (c.recordingFrequency = "HOURLY")),
    );
    assert.ok(
      problems.some((p) => p === "platform:compliance.recordingFrequency: expected CONTINUOUS or DAILY"),
      problems.join("\n"),
    );
  });

  it("should require continuous recording in prod when set to DAILY", async () => {
    const problems = problemsOf(
      "prod",
      withCompliance("prod", (c) => (c.recordingFrequency = "DAILY")),
    );
    assert.ok(
      problems.some((p) => p.startsWith("platform:compliance.recordingFrequency: must be CONTINUOUS in prod")),
      problems.join("\n"),
    );
  });

  it("should reject trail log retention under a year when set to 90", async () => {
    const problems = problemsOf(
      "dev",
      withCompliance("dev", (c) => (c.trailLogRetentionDays = 90)),
    );
    assert.ok(
      problems.some((p) =>
        p.startsWith("platform:compliance.trailLogRetentionDays: must be at least 365 (PCI DSS 10.5.1"),
      ),
      problems.join("\n"),
    );
  });
});
