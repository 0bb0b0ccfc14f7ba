/**
 * The harness stack tests use: everything of components/testing/harness.ts, plus the real
 * stack program run offline.
 *
 *   const prod = await runStack("prod");        // Pulumi.prod.yaml on the offline engine
 *   const bucket = prod.one("aws:s3/bucketV2:BucketV2", "data-ingestion");
 */
import { RecordedPlan } from "../../components/testing/harness";
import { runStackOffline, type OfflineRunOptions } from "./plan";

export * from "../../components/testing/harness";

const stackRuns = new Map<string, Promise<RecordedPlan>>();

/**
 * Runs the real stack program with `Pulumi.<stack>.yaml` (plus overrides). Runs are cached per
 * stack and overrides, so many tests share one run: treat the result as read-only.
 */
export function runStack(stack: string, options: OfflineRunOptions = {}): Promise<RecordedPlan> {
  const key = JSON.stringify([stack, options.configOverrides ?? {}, options.preview ?? false, options.root ?? ""]);
  let run = stackRuns.get(key);
  if (!run) {
    run = runStackOffline(stack, options).then((r) => new RecordedPlan(r.resources, r.outputs));
    stackRuns.set(key, run);
  }
  return run;
}
