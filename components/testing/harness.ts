/**
 * The one test harness every component and stack test uses. It runs programs on the offline
 * engine (pulumi.runtime.setMocks underneath) and answers questions about what was registered.
 *
 *   const plan = await runProgram(() => new Keys("keys", args));
 *   const key = plan.one("aws:kms/key:Key", "keys-database");
 *
 * Stack tests use stacks/offline/harness.ts, which adds `runStack("prod")` (the real stack
 * program with Pulumi.prod.yaml) on top of this module.
 */
import * as pulumi from "@pulumi/pulumi";
import { OfflineEngine, toProgramConfig } from "./engine";
import type { PlanResource } from "../../platform-rules/plan-format";

export class RecordedPlan {
  constructor(
    readonly resources: readonly PlanResource[],
    readonly outputs: Record<string, unknown> = {},
  ) {}

  /** Every resource of a type token, in registration order. */
  ofType(type: string): PlanResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The resource with this logical name; fails loudly when absent or ambiguous. */
  named(name: string, type?: string): PlanResource {
    const found = this.resources.filter((r) => r.name === name && (type === undefined || r.type === type));
    if (found.length !== 1) {
      const near = this.resources.map((r) => `${r.type} ${r.name}`).join("\n  ");
      throw new Error(
        `expected exactly one resource named "${name}"${type ? ` of type ${type}` : ""}, found ${found.length}. Registered:\n  ${near}`,
      );
    }
    return found[0];
  }

  /** The single resource of a type (optionally with this name); fails loudly otherwise. */
  one(type: string, name?: string): PlanResource {
    if (name !== undefined) return this.named(name, type);
    const found = this.ofType(type);
    if (found.length !== 1)
      throw new Error(`expected exactly one ${type}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    return found[0];
  }

  has(type: string, name?: string): boolean {
    return this.resources.some((r) => r.type === type && (name === undefined || r.name === name));
  }

  /** Direct children of a resource. */
  childrenOf(parent: PlanResource): PlanResource[] {
    return this.resources.filter((r) => r.parent === parent.urn);
  }

  /** All descendants of a resource. */
  descendantsOf(ancestor: PlanResource): PlanResource[] {
    const out: PlanResource[] = [];
    const walk = (urn: string) => {
      for (const r of this.resources) {
        if (r.parent === urn) {
          out.push(r);
          walk(r.urn);
        }
      }
    };
    walk(ancestor.urn);
    return out;
  }

  /** The provider resource a resource was registered with, if explicit. */
  providerOf(resource: PlanResource): PlanResource | undefined {
    if (!resource.provider) return undefined;
    const urn = resource.provider.split("::").slice(0, -1).join("::");
    return this.resources.find((r) => r.urn === urn);
  }

  /** Custom (provider-managed) resources only: what a deployment would create. */
  get custom(): PlanResource[] {
    return this.resources.filter((r) => r.custom);
  }
}

export interface RunProgramOptions {
  /** Stack name; default "test". */
  readonly stack?: string;
  /** Config by full key, as YAML values; default `aws:region: us-east-1`. */
  readonly config?: Readonly<Record<string, unknown>>;
  readonly preview?: boolean;
}

/** Runs a small program (typically one component) on the offline engine. */
export async function runProgram(program: () => unknown, options: RunProgramOptions = {}): Promise<RecordedPlan> {
  const run = await OfflineEngine.run(
    {
      project: "platform",
      stack: options.stack ?? "test",
      config: toProgramConfig({ "aws:region": "us-east-1", ...options.config }),
      preview: options.preview,
    },
    async () => {
      // Whatever the program returns is not a stack output: components are not serializable.
      await program();
      return {};
    },
  );
  return new RecordedPlan(run.resources);
}

/** Resolves an Output's value (tests only; offline every value is known unless previewing). */
export function valueOf<T>(output: pulumi.Output<T> | T): Promise<T> {
  if (!pulumi.Output.isInstance(output)) return Promise.resolve(output as T);
  return new Promise((resolve) =>
    output.apply((v) => {
      resolve(v);
      return v;
    }),
  );
}

/** Parses a JSON-string input (IAM and bucket policies, provider defaultTags). */
export function json<T = unknown>(value: unknown): T {
  if (typeof value !== "string") throw new Error(`expected a JSON string, got ${typeof value}`);
  return JSON.parse(value) as T;
}
