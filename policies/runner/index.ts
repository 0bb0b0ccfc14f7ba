/**
 * Placeholder until the policy packs land (issue #4): the runner evaluates every pack in
 * policies/ over plan resources the way the Pulumi analyzer does.
 */
import type { PlanFinding, PlanResource } from "../../stacks/offline/plan-types";

export interface RunPacksOptions {
  readonly stack: string;
  readonly project: string;
  /** Parsed policy config file (`--policy-pack-config` format: policy name → config). */
  readonly config?: Readonly<Record<string, unknown>>;
}

export async function runPolicyPacks(
  _resources: readonly PlanResource[],
  _options: RunPacksOptions,
): Promise<PlanFinding[]> {
  return [];
}
