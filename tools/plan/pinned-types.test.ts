import assert from "node:assert/strict";
import type { PlanResource } from "../../platform-rules/plan-format";
import { runPolicyPacks } from "../../policies/runner";
import { packConfigsForStack } from "../policy-config";
import { generateMutants } from "../../policies/testing/mutants";
import { stackResources } from "./stack-plans";

/** azure-native publishes each resource under its API versions too: the same resource, another token. */
const pin = (resources: readonly PlanResource[]): PlanResource[] =>
  resources.map((r) =>
    r.type.startsWith("azure-native:") ? { ...r, type: r.type.replace(/^(azure-native:[^:]+):/, "$1/v20230101:") } : r,
  );

describe("version-pinned azure-native tokens", () => {
  before(async function () {
    this.timeout(600_000);
    await stackResources("prod");
  });

  it("should find no mandatory violation in the prod plan with pinned tokens (global types, paired types and tags still recognised)", async () => {
    const findings = await runPolicyPacks(pin(await stackResources("prod")), {
      stack: "prod",
      project: "platform",
      packConfig: packConfigsForStack("prod"),
    });
    assert.deepEqual(
      findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => `${f.policy} ${f.urn}`),
      [],
    );
  });

  it("should catch every Azure mutant of the prod plan when the plan names pinned versions", async function () {
    this.timeout(600_000);
    const plan = await stackResources("prod");
    const mutants = generateMutants(plan).filter((m) => m.label.startsWith("azure-native:"));
    assert.ok(mutants.length >= 10, `only ${mutants.length} Azure mutants`);
    const key = (f: { policy: string; urn?: string; message: string }) => `${f.policy}|${f.urn}|${f.message}`;
    const baseline = new Set(
      (
        await runPolicyPacks(pin(plan), { stack: "prod", project: "platform", packConfig: packConfigsForStack("prod") })
      ).map(key),
    );
    const survivors: string[] = [];
    for (const m of mutants) {
      const findings = await runPolicyPacks(pin(m.resources), {
        stack: "prod",
        project: "platform",
        packConfig: packConfigsForStack("prod"),
      });
      if (!findings.some((f) => f.enforcementLevel === "mandatory" && !baseline.has(key(f)))) survivors.push(m.label);
    }
    assert.deepEqual(survivors, []);
  });

  it("should read a pinned storage account as a storage account (public network access)", async () => {
    const plan = pin(await stackResources("prod"));
    const i = plan.findIndex((r) => r.type === "azure-native:storage/v20230101:StorageAccount");
    assert.ok(i >= 0, "no pinned storage account");
    const open = plan.map((r, j) => (j === i ? { ...r, inputs: { ...r.inputs, publicNetworkAccess: "Enabled" } } : r));
    const findings = await runPolicyPacks(open, {
      stack: "prod",
      project: "platform",
      packConfig: packConfigsForStack("prod"),
    });
    assert.deepEqual(
      findings.filter((f) => f.enforcementLevel === "mandatory").map((f) => f.policy),
      ["azure-public-access-disabled"],
    );
  });
});
