import assert from "node:assert/strict";
import reference from "./aws-pci-conformance-packs.json";
import { DEFAULT_EXCLUSIONS, PARAMETER_CORRECTIONS, UNSCOPED_EVALUATES } from "./corrections";
import { RULE_REQUIREMENTS, compareRequirements } from "./requirements";
import { PLATFORM_RESOURCE_TYPES, RULE_CATALOG, findRule, selectRules, suggestIdentifiers } from "./";

const referenceIds = Object.keys(reference.rules);

describe("compliance rule catalog", () => {
  it("should hold every rule of the reference list when built", async () => {
    assert.deepEqual([...RULE_CATALOG.keys()].sort(), [...referenceIds].sort());
  });

  it("should map every rule to at least one PCI DSS v4.0.1 requirement when built", async () => {
    const unmapped = [...RULE_CATALOG.values()].filter((r) => r.requirements.length === 0).map((r) => r.identifier);
    assert.deepEqual(unmapped, []);
  });

  it("should name only catalog identifiers in the requirement groups when mapped", async () => {
    const unknown = [...RULE_REQUIREMENTS.keys()].filter((id) => !RULE_CATALOG.has(id));
    assert.deepEqual(unknown, []);
  });

  it("should use requirement ids of the form n.n[.n[.n]] when mapped", async () => {
    const bad = [...RULE_CATALOG.values()]
      .flatMap((r) => r.requirements)
      .filter((r) => !/^\d{1,2}(\.\d{1,2}){1,3}$/.test(r));
    assert.deepEqual(bad, []);
  });

  it("should give every rule resource types it reports on when built", async () => {
    const none = [...RULE_CATALOG.values()].filter((r) => r.evaluates.length === 0).map((r) => r.identifier);
    assert.deepEqual(none, []);
  });

  it("should list evaluated types only for rules the packs leave unscoped when corrected", async () => {
    const scoped = Object.keys(UNSCOPED_EVALUATES).filter((id) => (findRule(id)?.scope ?? []).length > 0);
    assert.deepEqual(scoped, []);
  });

  it("should correct only rules that exist when corrected", async () => {
    const unknown = [...Object.keys(PARAMETER_CORRECTIONS), ...Object.keys(DEFAULT_EXCLUSIONS)].filter(
      (id) => !RULE_CATALOG.has(id),
    );
    assert.deepEqual(unknown, []);
  });

  it("should require 12-character passwords when IAM_PASSWORD_POLICY is corrected for v4.0.1", async () => {
    assert.equal(findRule("IAM_PASSWORD_POLICY")?.parameters.MinimumPasswordLength, "12");
  });

  it("should allow only nodejs22.x when LAMBDA_FUNCTION_SETTINGS_CHECK is corrected", async () => {
    assert.equal(findRule("LAMBDA_FUNCTION_SETTINGS_CHECK")?.parameters.runtime, "nodejs22.x");
  });

  it("should keep the pack parameters when a rule has no correction", async () => {
    assert.deepEqual(findRule("ACCESS_KEYS_ROTATED")?.parameters, { maxAccessKeyAge: "90" });
  });

  it("should carry no parameter value with spaces around commas when corrected", async () => {
    const spaced = [...RULE_CATALOG.values()].filter(
      (r) => r.correction && Object.values(r.parameters).some((v) => /,\s|\s,/.test(v)),
    );
    assert.deepEqual(
      spaced.map((r) => r.identifier),
      [],
    );
  });

  it("should use the pack's rule name when it differs from the identifier", async () => {
    assert.equal(findRule("INCOMING_SSH_DISABLED")?.name, "restricted-ssh");
  });

  it("should leave out Neptune rules although they share AWS::RDS::DBCluster when selecting", async () => {
    const { deployed } = selectRules();
    assert.equal(
      deployed.some((r) => r.identifier === "NEPTUNE_CLUSTER_ENCRYPTED"),
      false,
    );
  });

  it("should deploy the Aurora cluster backup rule when selecting", async () => {
    assert.ok(selectRules().deployed.some((r) => r.identifier === "AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN"));
  });

  it("should deploy a default-excluded rule when it is added", async () => {
    const { deployed } = selectRules({ add: ["S3_BUCKET_REPLICATION_ENABLED"] });
    assert.ok(deployed.some((r) => r.identifier === "S3_BUCKET_REPLICATION_ENABLED"));
  });

  it("should leave out an applicable rule when it is excluded", async () => {
    const { deployed, excluded } = selectRules({ exclude: ["S3_BUCKET_SSL_REQUESTS_ONLY"] });
    assert.equal(
      deployed.some((r) => r.identifier === "S3_BUCKET_SSL_REQUESTS_ONLY"),
      false,
    );
    assert.match(
      excluded.find((e) => e.rule.identifier === "S3_BUCKET_SSL_REQUESTS_ONLY")?.reason ?? "",
      /excludeRules/,
    );
  });

  it("should exclude the rule whose parameter needs an operator policy when selecting", async () => {
    const { excluded } = selectRules();
    assert.match(
      excluded.find((e) => e.rule.identifier === "S3_BUCKET_POLICY_NOT_MORE_PERMISSIVE")?.reason ?? "",
      /controlPolicy/,
    );
  });

  it("should partition the catalog into deployed, excluded and not applicable when selecting", async () => {
    const s = selectRules();
    assert.equal(s.deployed.length + s.excluded.length + s.notApplicable.length, RULE_CATALOG.size);
  });

  it("should select nothing about types absent when given only the account type", async () => {
    const { deployed } = selectRules({ resourceTypes: ["AWS::::Account"] });
    assert.ok(deployed.every((r) => r.evaluates.includes("AWS::::Account")));
  });

  it("should suggest the intended identifier first when one letter is wrong", async () => {
    assert.equal(suggestIdentifiers("S3_BUCKET_SSL_REQUEST_ONLY")[0], "S3_BUCKET_SSL_REQUESTS_ONLY");
  });

  it("should order requirement ids numerically when compared", async () => {
    assert.deepEqual(["10.2.1", "1.2.10", "1.2.5"].sort(compareRequirements), ["1.2.5", "1.2.10", "10.2.1"]);
  });

  it("should print how the reference list maps onto this platform when summarised", async () => {
    const s = selectRules();
    const applicable = [...RULE_CATALOG.values()].filter((r) =>
      r.evaluates.some((t) => PLATFORM_RESOURCE_TYPES.includes(t)),
    );
    console.log(
      `      reference rules: ${referenceIds.length}; applicable to the platform: ${applicable.length}; ` +
        `deployed: ${s.deployed.length}; excluded: ${s.excluded.length}; not applicable: ${s.notApplicable.length}`,
    );
    for (const e of s.excluded) console.log(`        excluded ${e.rule.identifier}: ${e.reason}`);
    assert.equal(s.deployed.length + s.excluded.length, applicable.length);
  });
});
