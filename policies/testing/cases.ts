/** Table-driven policy cases: each row becomes one `it`, asserting one outcome. */
import assert from "node:assert/strict";
import type { PlanResource } from "../../platform-rules/plan-format";
import { mandatoryOf } from "./fixtures";

export interface PolicyCase {
  readonly should: string;
  readonly resources: readonly PlanResource[];
  /** A pattern the single mandatory finding's message must match; null for "no finding". */
  readonly violation: RegExp | null;
  readonly config?: Readonly<Record<string, unknown>>;
}

export function describeCases(policy: string, cases: readonly PolicyCase[]): void {
  describe(policy, () => {
    for (const c of cases) {
      it(`should ${c.should}`, async () => {
        const findings = await mandatoryOf(policy, c.resources, c.config);
        if (c.violation === null) {
          assert.deepEqual(
            findings.map((f) => f.message),
            [],
          );
        } else {
          assert.equal(
            findings.length,
            1,
            `expected one finding, got ${JSON.stringify(findings.map((f) => f.message))}`,
          );
          assert.match(findings[0].message, c.violation);
        }
      });
    }
  });
}
