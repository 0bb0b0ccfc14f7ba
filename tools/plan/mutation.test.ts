import assert from "node:assert/strict";
import type { PlanFinding } from "../../platform-rules/plan-format";
import { allPolicies } from "../../policies/catalog";
import { runPolicyPacks } from "../../policies/runner";
import { packConfigsForStack } from "../policy-config";
import { generateMutants, type Mutant } from "../../policies/testing/mutants";
import { stackResources } from "./stack-plans";

const key = (f: PlanFinding): string => `${f.policy}|${f.urn}|${f.message}`;
/** Fewest mutants each plan must yield (a drop means a breaker stopped finding its property). */
const MINIMUM: Readonly<Record<"dev" | "prod", number>> = { dev: 140, prod: 300 };
const levelOf = new Map(allPolicies().map((e) => [e.definition.name, e.definition.policy.enforcementLevel]));
const reached = new Set<string>();

for (const stack of ["dev", "prod"] as const) {
  describe(`mutation suite on the ${stack} plan`, () => {
    // Running the whole stack program under mocks is slow on a busy machine; build it once, up front.
    before(async function () {
      this.timeout(600_000);
      await stackResources(stack);
    });

    it(`should yield at least ${MINIMUM[stack]} mutants, each naming a policy of the catalog`, async () => {
      const mutants = generateMutants(await stackResources(stack));
      assert.deepEqual(
        mutants.filter((m) => !levelOf.has(m.expect)).map((m) => `${m.label} -> ${m.expect}`),
        [],
      );
      assert.ok(mutants.length >= MINIMUM[stack], `only ${mutants.length} mutants`);
    });

    it(`should answer every mutant of ${stack} with a new finding of its expected policy, at that policy's level`, async function () {
      this.timeout(600_000);
      const plan = await stackResources(stack);
      const run = (resources: typeof plan) =>
        runPolicyPacks(resources, { stack, project: "platform", packConfig: packConfigsForStack(stack) });
      const baseline = new Set((await run(plan)).map(key));
      const mutants = generateMutants(plan);
      const survivors: string[] = [];
      for (const m of mutants) {
        const fresh = (await run(m.resources)).filter(
          (f) => !baseline.has(key(f)) && f.policy === m.expect && f.enforcementLevel === levelOf.get(m.expect),
        );
        if (fresh.length === 0) survivors.push(`${m.label} (expected ${m.expect})`);
        else reached.add(m.expect);
      }
      console.log(`      ${stack}: caught ${mutants.length - survivors.length} / tried ${mutants.length} mutants`);
      assert.deepEqual(survivors, []);
    });
  });
}

describe("mutation suite coverage", () => {
  // Every registered policy of every pack, so a policy a lane registers needs a mutant too
  // (deployability ones in policies/testing/deployability-mutants.ts, the others in mutants.ts).
  it("should reach every registered policy of every pack with at least one mutant on the dev or prod plan", async function () {
    this.timeout(600_000);
    if (reached.size === 0) {
      for (const stack of ["dev", "prod"] as const)
        for (const m of generateMutants(await stackResources(stack)) as Mutant[]) reached.add(m.expect);
    }
    assert.deepEqual(
      allPolicies()
        .map((e) => `${e.pack}/${e.definition.name}`)
        .filter((p) => !reached.has(p.slice(p.indexOf("/") + 1))),
      [],
    );
  });
});

describe("mutation suite: the DR recovery budget (prod)", () => {
  it("should catch failover records whose TTL no longer fits the RTO with dr-recovery-objectives", async function () {
    this.timeout(600_000);
    const plan = await stackResources("prod");
    const mutant = generateMutants(plan).find((m) => m.label.endsWith(": break failover ttl"));
    assert.ok(mutant, "no failover-record TTL mutant in the prod plan");
    const findings = await runPolicyPacks(mutant.resources, {
      stack: "prod",
      project: "platform",
      packConfig: packConfigsForStack("prod"),
    });
    const caught = findings.filter((f) => f.policy === "dr-recovery-objectives" && f.enforcementLevel === "mandatory");
    assert.match(
      caught[0]?.message ?? "",
      /dns 3600 s \(platform:dr\.dns\.ttlSeconds 3600 s\).* raise platform:dr\.rtoMinutes to at least 74/,
    );
  });
});
