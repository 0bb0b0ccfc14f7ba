import assert from "node:assert/strict";
import { allPolicies } from "../../policies/catalog";
import { renderPoliciesDoc } from "./policies";

describe("renderPoliciesDoc", () => {
  it("should list every policy in the table", async () => {
    const doc = renderPoliciesDoc();
    assert.deepEqual(allPolicies().filter((e) => !doc.includes(`| \`${e.definition.name}\` |`)).map((e) => e.definition.name), []);
  });
});
