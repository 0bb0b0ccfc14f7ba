import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allPolicies } from "./catalog";
import { renderPoliciesDoc } from "./docs";

const DOC = path.join(__dirname, "..", "docs", "policies.md");

describe("renderPoliciesDoc", () => {
  it("should match the committed docs/policies.md (run npm run docs after changing a policy)", async () => {
    assert.equal(fs.readFileSync(DOC, "utf8"), renderPoliciesDoc());
  });

  it("should list every policy in the table", async () => {
    const doc = renderPoliciesDoc();
    assert.deepEqual(allPolicies().filter((e) => !doc.includes(`| \`${e.definition.name}\` |`)).map((e) => e.definition.name), []);
  });
});
