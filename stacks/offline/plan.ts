/**
 * Runs the real stack program offline: the stack's `Pulumi.<stack>.yaml` (plus overrides),
 * the mock engine, and then every policy pack over what was registered.
 */
import { OfflineEngine } from "./engine";
import type { PlanDocument, PlanResource } from "../../platform-rules/plan-format";
import { readProjectName, readStackConfig, toProgramConfig, PROJECT_ROOT } from "./stack-file";

export interface OfflineRunOptions {
  /**
   * Config values to set or replace, by full key (`platform:aurora`) — whole values, as in the
   * YAML file. `undefined` removes a key.
   */
  readonly configOverrides?: Readonly<Record<string, unknown>>;
  /** Project root holding Pulumi.yaml and the stack files. Default this repository. */
  readonly root?: string;
  readonly preview?: boolean;
}

export interface OfflineRun {
  readonly project: string;
  readonly stack: string;
  readonly resources: PlanResource[];
  readonly outputs: Record<string, unknown>;
}

export async function runStackOffline(stack: string, options: OfflineRunOptions = {}): Promise<OfflineRun> {
  const root = options.root ?? PROJECT_ROOT;
  const project = readProjectName(root);
  const merged: Record<string, unknown> = { ...readStackConfig(stack, root) };
  for (const [key, value] of Object.entries(options.configOverrides ?? {})) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  // Imported lazily so a bad stack name or file is reported before the SDKs load.
  const { main } = await import("../main");
  const run = await OfflineEngine.run(
    { project, stack, config: toProgramConfig(merged), preview: options.preview },
    () => main(),
  );
  return { project, stack, resources: run.resources, outputs: (run.outputs ?? {}) as Record<string, unknown> };
}

/** The offline plan: resources plus the findings of every policy pack. */
export async function planStack(stack: string, options: OfflineRunOptions & { policyConfig?: Record<string, unknown> } = {}): Promise<PlanDocument> {
  const run = await runStackOffline(stack, options);
  const { runPolicyPacks } = await import("../../policies/runner");
  const findings = await runPolicyPacks(run.resources, { stack, project: run.project, config: options.policyConfig });
  return { schemaVersion: 1, stack, project: run.project, resources: run.resources, findings };
}
