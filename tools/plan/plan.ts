/** The offline plan: the real stack program on the mock engine, then every policy pack over it. */
import type { PlanDocument } from "../../platform-rules/plan-format";
import { runStackOffline, type OfflineRunOptions } from "../../stacks/offline/plan";

/**
 * Each pack is configured as CI configures it for this stack (tools/policy-config: region lists
 * and waivers from the stack config); `policyConfig` overrides on top, per policy.
 */
export async function planStack(
  stack: string,
  options: OfflineRunOptions & { policyConfig?: Record<string, unknown> } = {},
): Promise<PlanDocument> {
  const run = await runStackOffline(stack, options);
  const { runPolicyPacks } = await import("../../policies/runner");
  const { PACKS } = await import("../../policies/catalog");
  const { packConfigsFor } = await import("../policy-config");
  const { parseStackConfig } = await import("../../stacks/config");
  const packConfig = packConfigsFor(parseStackConfig(run.project, stack, run.config));
  const packOf = (key: string) => PACKS.filter((p) => key === "all" || p.policies.some((d) => d.name === key));
  // An explicit override wins over the derived config of the policy's own pack ("all": every pack).
  for (const [key, value] of Object.entries(options.policyConfig ?? {})) {
    for (const pack of packOf(key)) packConfig[pack.name] = { ...packConfig[pack.name], [key]: value };
  }
  // Keys naming no policy go through as they are, so the runner reports them.
  const unknown = Object.fromEntries(
    Object.entries(options.policyConfig ?? {}).filter(([k]) => packOf(k).length === 0),
  );
  const findings = await runPolicyPacks(run.resources, { stack, project: run.project, packConfig, config: unknown });
  const { waiverReport } = await import("../policy-config/waiver-report");
  const waivers = waiverReport(packConfig as Record<string, Record<string, unknown>>, findings);
  return { schemaVersion: 1, stack, project: run.project, resources: run.resources, findings, waivers };
}
