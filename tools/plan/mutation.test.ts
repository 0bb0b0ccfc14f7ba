import assert from "node:assert/strict";
import type { PlanFinding } from "../../platform-rules/plan-format";
import { runPolicyPacks } from "../../policies/runner";
import { generateMutants } from "../../policies/testing/mutants";
import { stackResources } from "./stack-plans";

const key = (f: PlanFinding): string => `${f.policy}|${f.urn}|${f.message}`;

for (const stack of ["dev", "prod"] as const) {
  describe(`mutation suite on the ${stack} plan`, () => {
    // Running the whole stack program under mocks is slow on a busy machine; build it once, up front.
    before(async function () {
      this.timeout(600_000);
      await stackResources(stack);
    });

    it(`should draw a new mandatory finding for every broken protected property in ${stack}`, async () => {
      const plan = await stackResources(stack);
      const run = (resources: typeof plan) => runPolicyPacks(resources, { stack, project: "platform" });
      const baseline = new Set((await run(plan)).map(key));
      const mutants = generateMutants(plan);
      const survivors: string[] = [];
      for (const m of mutants) {
        const fresh = (await run(m.resources)).filter((f) => f.enforcementLevel === "mandatory" && !baseline.has(key(f)));
        if (fresh.length === 0) survivors.push(m.label);
      }
      console.log(`      ${stack}: caught ${mutants.length - survivors.length} / tried ${mutants.length} mutants`);
      assert.deepEqual(survivors, []);
    });
  });
}

describe("mutation suite: the DR recovery budget (prod)", () => {
  it("should catch failover records whose TTL no longer fits the RTO with dr-recovery-objectives", async function () {
    this.timeout(600_000);
    const plan = await stackResources("prod");
    const mutant = generateMutants(plan).find((m) => m.label.endsWith(": break failover ttl"));
    assert.ok(mutant, "no failover-record TTL mutant in the prod plan");
    const findings = await runPolicyPacks(mutant.resources, { stack: "prod", project: "platform" });
    const caught = findings.filter((f) => f.policy === "dr-recovery-objectives" && f.enforcementLevel === "mandatory");
    assert.match(caught[0]?.message ?? "", /dns 3600 s \(platform:dr\.dns\.ttlSeconds 3600 s\).* raise platform:dr\.rtoMinutes to at least 74/);
  });
});
