import assert from "node:assert/strict";
import { json, runProgram } from "../testing/harness";
import { findRule, type ManagedRule } from "../../platform-rules/config-rules";
import { PciConfigRules, pciConfigRulesArgsProblems, ruleDescription } from "./pci-config-rules";

const ssl = findRule("S3_BUCKET_SSL_REQUESTS_ONLY")!;
const igw = findRule("INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY")!;
const rotation = findRule("CMK_BACKING_KEY_ROTATION_ENABLED")!;

describe("PciConfigRules", () => {
  it("should accept catalog rules when they are unique", async () => {
    assert.deepEqual(pciConfigRulesArgsProblems({ rules: [ssl, igw] }), []);
  });

  it("should name rules when the list is empty", async () => {
    assert.deepEqual(pciConfigRulesArgsProblems({ rules: [] }), [
      "rules: list at least one rule (selectRules().deployed)",
    ]);
  });

  it("should name the repeated item when a rule is listed twice", async () => {
    assert.deepEqual(pciConfigRulesArgsProblems({ rules: [ssl, ssl] }), [
      "rules[1]: S3_BUCKET_SSL_REQUESTS_ONLY is listed twice",
    ]);
  });

  it("should refuse a rule that cannot be deployed from the catalog", async () => {
    const rule = findRule("S3_BUCKET_POLICY_NOT_MORE_PERMISSIVE") as ManagedRule;
    assert.match(
      pciConfigRulesArgsProblems({ rules: [rule] })[0],
      /^rules\[0\]: S3_BUCKET_POLICY_NOT_MORE_PERMISSIVE cannot be deployed: .*controlPolicy/,
    );
  });

  it("should name namePrefix when it has spaces", async () => {
    assert.match(
      pciConfigRulesArgsProblems({ rules: [ssl], namePrefix: "pci prod" })[0],
      /^namePrefix: use 1 to 40 letters/,
    );
  });

  it("should name an override for a rule that is not deployed", async () => {
    assert.deepEqual(
      pciConfigRulesArgsProblems({
        rules: [ssl],
        parameterOverrides: { IAM_PASSWORD_POLICY: { MinimumPasswordLength: "14" } },
      }),
      ["parameterOverrides.IAM_PASSWORD_POLICY: names a rule that is not deployed; remove it or add the rule"],
    );
  });

  it("should put the requirements in the description where the report reads them", async () => {
    assert.match(ruleDescription(ssl), /PCI DSS v4\.0\.1: 4\.2\.1\./);
  });

  it("should merge a deploy-time parameter over the catalog's when overridden", async () => {
    const plan = await runProgram(
      () =>
        new PciConfigRules("pci", {
          rules: [igw],
          parameterOverrides: { INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY: { AuthorizedVpcIds: "vpc-123" } },
        }),
    );
    assert.deepEqual(json(plan.one("aws:cfg/rule:Rule").inputs.inputParameters), { AuthorizedVpcIds: "vpc-123" });
  });

  it("should send no inputParameters when a rule has none", async () => {
    const plan = await runProgram(() => new PciConfigRules("pci", { rules: [ssl] }));
    assert.equal(plan.one("aws:cfg/rule:Rule").inputs.inputParameters, undefined);
  });

  it("should leave a periodic rule unscoped when the pack gives no scope", async () => {
    const plan = await runProgram(() => new PciConfigRules("pci", { rules: [rotation] }));
    assert.equal(plan.one("aws:cfg/rule:Rule").inputs.scope, undefined);
  });

  it("should name each rule with the prefix and the pack's rule name", async () => {
    const plan = await runProgram(() => new PciConfigRules("pci", { rules: [ssl], namePrefix: "pci-dev-" }));
    assert.equal(plan.one("aws:cfg/rule:Rule").inputs.name, "pci-dev-s3-bucket-ssl-requests-only");
  });
});
