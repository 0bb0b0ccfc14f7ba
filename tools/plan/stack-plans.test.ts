import assert from "node:assert/strict";
import { runPolicyPacks } from "../../policies/runner";
import { packConfigsForStack } from "../policy-config";
import { stackResources } from "./stack-plans";

for (const stack of ["dev", "prod"] as const) {
  describe(`policy packs on the ${stack} plan`, () => {
    // Running the whole stack program under mocks is slow on a busy machine; build it once, up front.
    before(async function () {
      this.timeout(600_000);
      await stackResources(stack);
    });

    it(`should find no mandatory violation in the ${stack} stack`, async () => {
      const findings = await runPolicyPacks(await stackResources(stack), {
        stack,
        project: "platform",
        packConfig: packConfigsForStack(stack),
      });
      const mandatory = findings
        .filter((f) => f.enforcementLevel === "mandatory")
        .map((f) => `${f.policy} ${f.urn}: ${f.message.split("\n").pop()}`);
      assert.deepEqual(mandatory, []);
    });
  });
}
