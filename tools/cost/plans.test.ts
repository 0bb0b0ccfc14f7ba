import assert from "node:assert/strict";
import { estimateCost } from "../../platform-rules/cost/estimate";
import { loadUsage } from "../../platform-rules/cost/usage";
import { runStackOffline } from "../../stacks/offline/plan";

/** Dev's idle (fixed) cost target of the cost issue: a dev stack that costs little when nobody uses it. */
const DEV_IDLE_TARGET_USD = 60;

for (const stack of ["dev", "prod"] as const) {
  describe(`cost estimate of the ${stack} plan`, () => {
    let estimate: ReturnType<typeof estimateCost>;
    before(async function () {
      this.timeout(600_000);
      const { resources } = await runStackOffline(stack);
      estimate = estimateCost(resources, { stack, usage: loadUsage(stack) });
    });

    it(`should price, or mark free or usage-only with a reason, every resource type of the ${stack} plan`, async () => {
      assert.deepEqual(
        estimate.notPriced.map((n) => `${n.type}: ${n.reason}`),
        [],
      );
    });

    it(`should give the ${stack} stack a positive fixed cost`, async () => {
      assert.ok(estimate.monthly.fixed > 0);
    });

    if (stack === "dev") {
      it("should keep dev's idle cost at or under the target", async () => {
        assert.ok(
          estimate.monthly.fixed <= DEV_IDLE_TARGET_USD,
          `dev idles at $${estimate.monthly.fixed}/month, over $${DEV_IDLE_TARGET_USD}`,
        );
      });
    }
  });
}
