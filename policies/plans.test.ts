import assert from "node:assert/strict";
import { runPolicyPacks } from "./runner";
import { stackResources } from "./testing/plans";

for (const stack of ["dev", "prod"] as const) {
  describe(`policy packs on the ${stack} plan`, () => {
    it(`should find no mandatory violation in the ${stack} stack`, async () => {
      const findings = await runPolicyPacks(await stackResources(stack), { stack, project: "platform" });
      const mandatory = findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => `${f.policy} ${f.urn}: ${f.message.split("\n").pop()}`);
      assert.deepEqual(mandatory, []);
    });
  });
}
