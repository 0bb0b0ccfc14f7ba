import assert from "node:assert/strict";
import { runProgram } from "../testing/harness";
import { MANAGED_RULE_GROUPS, WebAcl, webAclArgsProblems, type WebAclArgs } from "./web-acl";
import { LOGS_KEY } from "./testing";

const STAGE = "arn:aws:apigateway:us-east-1::/restapis/abc/stages/live";
const args = (overrides: Partial<WebAclArgs> = {}): WebAclArgs => ({
  resourceArn: STAGE,
  rateLimitPer5Min: 2000,
  logsKeyArn: LOGS_KEY,
  protection: "disposable",
  ...overrides,
});
const plan = (overrides: Partial<WebAclArgs> = {}) => runProgram(() => new WebAcl("waf", args(overrides)));
type Rule = {
  name: string;
  priority: number;
  statement: {
    rateBasedStatement?: { limit: number; aggregateKeyType: string };
    managedRuleGroupStatement?: { name: string; vendorName: string };
  };
};

describe("WebAcl", () => {
  it("should be a regional web ACL", async () => {
    assert.equal((await plan()).named("waf-acl").inputs.scope, "REGIONAL");
  });

  it("should apply the AWS managed rule groups", async () => {
    const rules = (await plan()).named("waf-acl").inputs.rules as Rule[];
    assert.deepEqual(
      rules.flatMap((r) => r.statement.managedRuleGroupStatement?.name ?? []),
      [...MANAGED_RULE_GROUPS],
    );
  });

  it("should apply only the chosen managed rule groups, in evaluation order, when managedRuleGroups is given", async () => {
    const rules = (
      await plan({ managedRuleGroups: ["AWSManagedRulesSQLiRuleSet", "AWSManagedRulesCommonRuleSet"] })
    ).named("waf-acl").inputs.rules as Rule[];
    assert.deepEqual(
      rules.flatMap((r) => r.statement.managedRuleGroupStatement?.name ?? []),
      ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet"],
    );
  });

  it("should block an IP above the rate limit first", async () => {
    const [first] = (await plan({ rateLimitPer5Min: 500 })).named("waf-acl").inputs.rules as Rule[];
    assert.deepEqual(first.statement.rateBasedStatement, {
      limit: 500,
      aggregateKeyType: "IP",
      evaluationWindowSec: 300,
    });
  });

  it("should associate with the given resource", async () => {
    assert.equal((await plan()).named("waf-association").inputs.resourceArn, STAGE);
  });

  it("should log to a group named aws-waf-logs-*", async () => {
    assert.match(String((await plan()).named("waf-logs").inputs.namePrefix), /^aws-waf-logs-/);
  });

  it("should encrypt the log group with the logs key", async () => {
    assert.equal((await plan()).named("waf-logs").inputs.kmsKeyId, LOGS_KEY);
  });

  it("should redact the x-api-key header by default", async () => {
    assert.deepEqual((await plan()).named("waf-logging").inputs.redactedFields, [
      { singleHeader: { name: "x-api-key" } },
      { singleHeader: { name: "authorization" } },
    ]);
  });
});

describe("webAclArgsProblems", () => {
  it("should report managedRuleGroups when the common rule set is left out", async () => {
    assert.match(
      webAclArgsProblems(args({ managedRuleGroups: ["AWSManagedRulesSQLiRuleSet"] }))[0]!,
      /^managedRuleGroups: must include AWSManagedRulesCommonRuleSet/,
    );
  });

  it("should report a managed rule group that is not known", async () => {
    assert.match(
      webAclArgsProblems(
        args({ managedRuleGroups: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesBotControl" as never] }),
      )[0]!,
      /^managedRuleGroups\[1\]: expected one of/,
    );
  });

  it("should report rateLimitPer5Min when it is below the WAF minimum", async () => {
    assert.match(
      webAclArgsProblems(args({ rateLimitPer5Min: 99 }))[0],
      /^rateLimitPer5Min: must be a whole number from 100 \(the WAF minimum\)/,
    );
  });

  it("should report logRetentionDays when it is under a year", async () => {
    assert.match(webAclArgsProblems(args({ logRetentionDays: 90 }))[0], /^logRetentionDays: must be at least 365/);
  });

  it("should report a redacted header that is not a lower-case header name", async () => {
    assert.match(
      webAclArgsProblems(args({ redactedHeaders: ["X-Api-Key"] }))[0],
      /^redactedHeaders\[0\]: expected a lower-case header name/,
    );
  });
});
