/**
 * Test helpers for the deployability pack. Its policies run here whether registered or still
 * waiting (pack.ts WAITING), so a policy's tests pass before the fix it waits for has landed.
 */
import assert from "node:assert/strict";
import type { PlanFinding, PlanResource } from "../../platform-rules/plan-format";
import { runPolicyPacks } from "../runner";
import { PROJECT, STACK, withProviders } from "../testing/fixtures";
import { ALL_DEPLOYABILITY_POLICIES } from "./pack";

export async function findingsOf(
  policy: string,
  resources: readonly PlanResource[],
  config?: Record<string, unknown>,
): Promise<PlanFinding[]> {
  const definition = ALL_DEPLOYABILITY_POLICIES.find((d) => d.name === policy);
  if (!definition) throw new Error(`no deployability policy named ${policy}`);
  return runPolicyPacks(withProviders(resources), {
    stack: STACK,
    project: PROJECT,
    config,
    packs: [{ name: "deployability", description: "", policies: [definition] }],
  });
}

export async function messagesOf(
  policy: string,
  resources: readonly PlanResource[],
  config?: Record<string, unknown>,
): Promise<string[]> {
  return (await findingsOf(policy, resources, config))
    .filter((f) => f.enforcementLevel === "mandatory")
    .map((f) => f.message.split("\n").pop()!);
}

export interface Case {
  readonly should: string;
  readonly resources: readonly PlanResource[];
  /** Patterns the mandatory findings must match, one each, in order; [] for "passes". */
  readonly violations: readonly RegExp[];
  readonly config?: Record<string, unknown>;
}

/** One `it` per case: the exact number of mandatory findings, each matching its pattern. */
export function describeCases(policy: string, cases: readonly Case[]): void {
  describe(policy, () => {
    for (const c of cases) {
      it(`should ${c.should}`, async () => {
        const messages = await messagesOf(policy, c.resources, c.config);
        assert.equal(
          messages.length,
          c.violations.length,
          `expected ${c.violations.length} finding(s), got ${JSON.stringify(messages)}`,
        );
        c.violations.forEach((pattern, i) => assert.match(messages[i], pattern));
      });
    }
  });
}
