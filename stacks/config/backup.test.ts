import assert from "node:assert/strict";
import { readStackConfig } from "../offline/stack-file";
import { ConfigError, parseStackConfig } from "./index";

function problemsOf(stack: "dev" | "prod", backup: unknown): readonly string[] {
  try {
    parseStackConfig("platform", stack, { ...readStackConfig(stack), "platform:backup": backup });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("platform:backup config", () => {
  it("should default dev to 35 daily days without a vault lock", async () => {
    const b = parseStackConfig("platform", "dev", readStackConfig("dev")).backup;
    assert.deepEqual([b.dailyRetentionDays, b.vaultLock], [35, "none"]);
  });

  it("should name dailyRetentionDays when it is under 35", async () => {
    assert.match(
      problemsOf("dev", { dailyRetentionDays: 7 })[0]!,
      /^platform:backup\.dailyRetentionDays: must be at least 35/,
    );
  });

  it("should name monthlyRetentionDays when it is shorter than daily", async () => {
    assert.match(
      problemsOf("dev", { dailyRetentionDays: 90, monthlyRetentionDays: 60 })[0]!,
      /^platform:backup\.monthlyRetentionDays: must be at least platform:backup\.dailyRetentionDays/,
    );
  });

  it("should require a compliance vault lock in prod", async () => {
    assert.match(
      problemsOf("prod", { vaultLock: "governance" })[0]!,
      /^platform:backup\.vaultLock: must be compliance in prod/,
    );
  });

  it("should refuse a compliance lock on a disposable stack", async () => {
    assert.match(
      problemsOf("dev", { vaultLock: "compliance" })[0]!,
      /^platform:backup\.vaultLock: compliance cannot go with platform:protection disposable/,
    );
  });

  it("should name a copy region that is not allowed", async () => {
    assert.match(
      problemsOf("dev", { copyRegion: "eu-west-1" })[0]!,
      /^platform:backup\.copyRegion: eu-west-1 is not in platform:regions\.allowedAwsRegions/,
    );
  });
});
