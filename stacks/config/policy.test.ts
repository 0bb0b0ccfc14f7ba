import assert from "node:assert/strict";
import { readStackConfig } from "../offline/stack-file";
import { ConfigError, parseStackConfig } from "./index";

const waiver = {
  policy: "api-authorization-required",
  resource: "api-get-health",
  reason: "Unauthenticated liveness probe; returns no data",
  approver: "compliance-team",
  expires: "2027-03-31",
};

function problemsOf(waivers: unknown): readonly string[] {
  try {
    parseStackConfig("platform", "dev", { ...readStackConfig("dev"), "platform:policyWaivers": waivers });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("platform:policyWaivers config", () => {
  it("should default to no waivers", async () => {
    assert.deepEqual(
      parseStackConfig("platform", "dev", { ...readStackConfig("dev"), "platform:policyWaivers": undefined })
        .policyWaivers,
      [],
    );
  });

  it("should accept a complete waiver", async () => {
    assert.deepEqual(problemsOf([waiver]), []);
  });

  for (const field of ["reason", "approver", "expires", "policy", "resource"] as const) {
    it(`should refuse a waiver without ${field}, naming the key`, async () => {
      const { [field]: _dropped, ...rest } = waiver;
      assert.match(problemsOf([rest]).join("\n"), new RegExp(`^platform:policyWaivers\\[0\\]\\.${field}: required`));
    });
  }

  it("should refuse a reason too short to say anything", async () => {
    assert.match(problemsOf([{ ...waiver, reason: "ok" }])[0]!, /^platform:policyWaivers\[0\]\.reason: say why/);
  });

  it("should refuse an expiry that is not YYYY-MM-DD", async () => {
    assert.match(
      problemsOf([{ ...waiver, expires: "31/03/2027" }])[0]!,
      /^platform:policyWaivers\[0\]\.expires: must be a date YYYY-MM-DD/,
    );
  });

  it("should refuse a policy name that is not kebab-case", async () => {
    assert.match(
      problemsOf([{ ...waiver, policy: "API auth" }])[0]!,
      /^platform:policyWaivers\[0\]\.policy: must be a policy name/,
    );
  });

  it("should refuse the same waiver twice", async () => {
    assert.match(
      problemsOf([waiver, waiver])[0]!,
      /^platform:policyWaivers\[1\]: waives api-authorization-required for api-get-health twice/,
    );
  });

  it("should refuse an unknown field in a waiver", async () => {
    assert.match(
      problemsOf([{ ...waiver, approvedBy: "x" }])[0]!,
      /^platform:policyWaivers\[0\]\.approvedBy: unknown key/,
    );
  });
});
