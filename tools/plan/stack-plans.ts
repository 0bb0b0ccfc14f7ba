/** The real dev and prod plans (stack program under the lead's mock engine), built once per test run. */
import type { PlanResource } from "../../platform-rules/plan-format";

const cache = new Map<string, Promise<PlanResource[]>>();

export function stackResources(stack: "dev" | "prod"): Promise<PlanResource[]> {
  let pending = cache.get(stack);
  if (!pending) {
    pending = import("../../stacks/offline/plan").then(
      async ({ runStackOffline }) => (await runStackOffline(stack)).resources,
    );
    cache.set(stack, pending);
  }
  return pending;
}
