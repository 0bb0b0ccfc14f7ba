import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ConfigError, parseStackConfig } from "./index";

const devConfig = (
  parse(readFileSync(join(__dirname, "..", "..", "Pulumi.dev.yaml"), "utf8")) as {
    config: Record<string, Record<string, unknown>>;
  }
).config;

/** The problems reported for the dev config with `platform:services` fields replaced. */
function servicesProblems(fields: Record<string, unknown>): string[] {
  const raw = { ...devConfig, "platform:services": { ...devConfig["platform:services"], ...fields } };
  try {
    parseStackConfig("platform", "dev", raw);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return [...err.problems];
  }
  return [];
}

describe("platform:services", () => {
  it("should default the API SLOs to 100 ms p95, 500 ms p99 and 1 % 5XX", async () => {
    const { slo } = parseStackConfig("platform", "dev", devConfig).services;
    assert.deepEqual([slo.p95LatencyMs, slo.p99LatencyMs, slo.fiveXxPercent], [100, 500, 1]);
  });

  it("should name slo.p95LatencyMs when it is above the p99 target", async () => {
    assert.match(
      servicesProblems({ slo: { p95LatencyMs: 900, p99LatencyMs: 500 } }).join("\n"),
      /^platform:services\.slo\.p95LatencyMs: p95LatencyMs must be at most p99LatencyMs/,
    );
  });

  it("should name slo.fiveXxPercent when it is 0", async () => {
    assert.match(
      servicesProblems({ slo: { fiveXxPercent: 0 } }).join("\n"),
      /^platform:services\.slo\.fiveXxPercent: /,
    );
  });

  it("should name wafManagedRuleGroups when the common rule set is left out", async () => {
    assert.match(
      servicesProblems({ wafManagedRuleGroups: ["AWSManagedRulesSQLiRuleSet"] }).join("\n"),
      /^platform:services\.wafManagedRuleGroups: must include AWSManagedRulesCommonRuleSet/,
    );
  });

  it("should require every managed rule group in prod", async () => {
    const prodConfig = (
      parse(readFileSync(join(__dirname, "..", "..", "Pulumi.prod.yaml"), "utf8")) as {
        config: Record<string, Record<string, unknown>>;
      }
    ).config;
    const raw = {
      ...prodConfig,
      "platform:services": {
        ...prodConfig["platform:services"],
        wafManagedRuleGroups: ["AWSManagedRulesCommonRuleSet"],
      },
    };
    assert.throws(
      () => parseStackConfig("platform", "prod", raw),
      /platform:services\.wafManagedRuleGroups: must list every managed rule group in prod/,
    );
  });

  it("should default apiExecutionLogLevel to ERROR when it is not set", async () => {
    const { apiExecutionLogLevel: _omit, ...rest } = devConfig["platform:services"];
    const config = parseStackConfig("platform", "dev", { ...devConfig, "platform:services": rest });
    assert.equal(config.services.apiExecutionLogLevel, "ERROR");
  });

  it("should name apiExecutionLogLevel when it is not INFO or ERROR", async () => {
    assert.deepEqual(servicesProblems({ apiExecutionLogLevel: "DEBUG" }), [
      "platform:services.apiExecutionLogLevel: expected INFO or ERROR (data trace stays off: no card data or PII in logs)",
    ]);
  });

  it("should name secretsExtensionLayerArn when it is not the ARM64 extension layer", async () => {
    const found = servicesProblems({
      secretsExtensionLayerArn:
        "arn:aws:lambda:us-east-1:177933569100:layer:AWS-Parameters-and-Secrets-Lambda-Extension:12",
    });
    assert.match(
      found.join("\n"),
      /^platform:services\.secretsExtensionLayerArn: expected the ARM64 Parameters and Secrets extension layer version ARN/,
    );
  });

  it("should require secretsExtensionLayerArn when it is missing", async () => {
    const { secretsExtensionLayerArn: _omit, ...rest } = devConfig["platform:services"];
    assert.throws(
      () => parseStackConfig("platform", "dev", { ...devConfig, "platform:services": rest }),
      /platform:services\.secretsExtensionLayerArn: required/,
    );
  });

  it("should name ingestionPrefix when it does not end with a slash", async () => {
    assert.deepEqual(servicesProblems({ ingestionPrefix: "incoming" }), [
      "platform:services.ingestionPrefix: expected a key prefix ending with / such as incoming/",
    ]);
  });

  it("should default ingestionPrefix to incoming/ when it is not set", async () => {
    const { ingestionPrefix: _omit, ...rest } = devConfig["platform:services"];
    assert.equal(
      parseStackConfig("platform", "dev", { ...devConfig, "platform:services": rest }).services.ingestionPrefix,
      "incoming/",
    );
  });
});
