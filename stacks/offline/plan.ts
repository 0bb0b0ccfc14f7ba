/**
 * Runs the real stack program offline: the stack's `Pulumi.<stack>.yaml` (plus overrides) on
 * the mock engine. The policy packs run over the result in tools/plan (stacks never import
 * policies).
 */
import { OfflineEngine, toProgramConfig } from "../../components/testing/engine";
import type { PlanResource } from "../../platform-rules/plan-format";
import { readProjectName, readStackConfig, PROJECT_ROOT } from "./stack-file";

export interface OfflineRunOptions {
  /**
   * Config values to set or replace, by full key (`platform:aurora`) — whole values, as in the
   * YAML file. `undefined` removes a key.
   */
  readonly configOverrides?: Readonly<Record<string, unknown>>;
  /** Project root holding Pulumi.yaml and the stack files. Default this repository. */
  readonly root?: string;
  readonly preview?: boolean;
  /** As main's `accounts`; default `placeholder-allowed` (tests set `real` to run the CLI's checks). */
  readonly accounts?: "real" | "placeholder-allowed";
}

export interface OfflineRun {
  readonly project: string;
  readonly stack: string;
  readonly resources: PlanResource[];
  readonly outputs: Record<string, unknown>;
  /** The stack config the program ran with (file plus overrides), by full key. */
  readonly config: Readonly<Record<string, unknown>>;
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
    () => main({ accounts: options.accounts }),
  );
  return {
    project,
    stack,
    resources: run.resources,
    outputs: (run.outputs ?? {}) as Record<string, unknown>,
    config: merged,
  };
}
