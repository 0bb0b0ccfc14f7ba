/** The offline plan: the real stack program on the mock engine, then every policy pack over it. */
import type { PlanDocument } from "../../platform-rules/plan-format";
import { runStackOffline, type OfflineRunOptions } from "../../stacks/offline/plan";

export async function planStack(stack: string, options: OfflineRunOptions & { policyConfig?: Record<string, unknown> } = {}): Promise<PlanDocument> {
  const run = await runStackOffline(stack, options);
  const { runPolicyPacks } = await import("../../policies/runner");
  const findings = await runPolicyPacks(run.resources, { stack, project: run.project, config: options.policyConfig });
  return { schemaVersion: 1, stack, project: run.project, resources: run.resources, findings };
}
