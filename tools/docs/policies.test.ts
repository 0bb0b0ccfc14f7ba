import assert from "node:assert/strict";
import { allPolicies } from "../../policies/catalog";
import { renderPoliciesDoc } from "./policies";

describe("renderPoliciesDoc", () => {
  it("should list every policy in the table", async () => {
    const doc = renderPoliciesDoc();
    assert.deepEqual(
      allPolicies()
        .filter((e) => !doc.includes(`| \`${e.definition.name}\` |`))
        .map((e) => e.definition.name),
      [],
    );
  });
});

describe("renderPoliciesDoc waivers", () => {
  it("should list each stack's waivers with reason, approver and expiry", async () => {
    const doc = renderPoliciesDoc({
      waivers: {
        prod: [
          {
            policy: "dynamodb-pitr",
            resource: "t",
            reason: "Cache table, rebuilt from the ledger",
            approver: "compliance-team",
            expires: "2027-01-31",
          },
        ],
      },
    });
    assert.match(
      doc,
      /### prod\n\n\| Policy \| Resource \| Reason \| Approver \| Expires \|\n.*\n\| `dynamodb-pitr` \| `t` \| Cache table, rebuilt from the ledger \| compliance-team \| 2027-01-31 \|/,
    );
  });

  it("should mark a provisional approval and give the day it holds until", async () => {
    const doc = renderPoliciesDoc({
      waivers: {
        prod: [
          {
            policy: "dynamodb-pitr",
            resource: "t",
            reason: "Cache table, rebuilt from the ledger",
            approver: "compliance-team (provisional)",
            expires: "2027-11-30",
          },
        ],
      },
    });
    assert.match(
      doc,
      /\| `dynamodb-pitr` \| `t` \| Cache table, rebuilt from the ledger \| compliance-team \(provisional\) \*\*provisional: no named approver\*\* \| 2027-11-30, holds until 2027-01-31 \|/,
    );
  });

  it("should say what a provisional approval is and when it stops holding", async () => {
    assert.match(
      renderPoliciesDoc({ waivers: {} }),
      /approver ends in `\(provisional\)`[\s\S]{0,400}no later than\s+2027-01-31/,
    );
  });

  it("should give every policy a row of peer checks", async () => {
    const doc = renderPoliciesDoc();
    const section = doc.slice(doc.indexOf("## Peer checks covered"), doc.indexOf("## Waivers"));
    assert.deepEqual(
      allPolicies()
        .filter((e) => !section.includes(`| \`${e.definition.name}\` |`))
        .map((e) => e.definition.name),
      [],
    );
  });
});
