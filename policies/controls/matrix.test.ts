import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { RULE_CATALOG, compareRequirements, selectRules } from "../../platform-rules/config-rules";
import { allPolicies } from "../catalog";
import { CONTROL_MATRIX, detectiveRules } from "./matrix";
import { REQUIREMENT_TITLES } from "../../platform-rules/pci/requirements";

const ROOT = join(__dirname, "../..");
const requirements = CONTROL_MATRIX.map((r) => r.requirement);

describe("PCI DSS control matrix", () => {
  it("should name only policies that exist in the policy catalog", async () => {
    const known = new Set(allPolicies().map((e) => e.definition.name));
    const unknown = CONTROL_MATRIX.flatMap((r) =>
      r.preventive.filter((p) => !known.has(p)).map((p) => `${r.requirement}: ${p}`),
    );
    assert.deepEqual(unknown, []);
  });

  it("should place every policy of the catalog under at least one requirement", async () => {
    const listed = new Set(CONTROL_MATRIX.flatMap((r) => r.preventive));
    assert.deepEqual(
      allPolicies()
        .map((e) => e.definition.name)
        .filter((n) => !listed.has(n)),
      [],
    );
  });

  it("should name only test files that exist", async () => {
    const missing = CONTROL_MATRIX.flatMap((r) =>
      r.tests.filter((t) => !existsSync(join(ROOT, t))).map((t) => `${r.requirement}: ${t}`),
    );
    assert.deepEqual(missing, []);
  });

  it("should give every requirement at least one test", async () => {
    assert.deepEqual(
      CONTROL_MATRIX.filter((r) => r.tests.length === 0).map((r) => r.requirement),
      [],
    );
  });

  it("should derive detective rules only from catalog identifiers", async () => {
    const unknown = requirements.flatMap((req) => detectiveRules(req)).filter((id) => !RULE_CATALOG.has(id));
    assert.deepEqual(unknown, []);
  });

  it("should have a row for every requirement a deployed Config rule gives evidence for", async () => {
    const evidenced = new Set(selectRules().deployed.flatMap((r) => r.requirements));
    assert.deepEqual([...evidenced].filter((req) => !requirements.includes(req)).sort(compareRequirements), []);
  });

  it("should have a title for every requirement it lists", async () => {
    assert.deepEqual(
      requirements.filter((r) => !REQUIREMENT_TITLES[r]),
      [],
    );
  });

  it("should list each requirement once in numeric order", async () => {
    assert.deepEqual(requirements, [...new Set(requirements)].sort(compareRequirements));
  });

  it("should cover each infrastructure requirement family 1, 2, 3, 4, 6, 7, 8, 10, 11 and 12", async () => {
    const families = new Set(requirements.map((r) => r.split(".")[0]));
    assert.deepEqual(
      ["1", "2", "3", "4", "6", "7", "8", "10", "11", "12"].filter((f) => !families.has(f)),
      [],
    );
  });
});
