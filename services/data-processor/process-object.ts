/**
 * One source object through the pipeline: read (size-capped), plan, then publish the outputs to
 * the analytics bucket or quarantine the file with its reason. Free of AWS types; dependency
 * failures propagate as DependencyError for the dispatcher to report.
 */
import type { Telemetry } from "../processing/telemetry";
import { quarantineKeys } from "./keys";
import type { ObjectStore } from "./object-store";
import { planObject, planTooLarge, type Plan, type QuarantineReason } from "./plan";
import type { ObjectRef } from "./s3-event";

/** CopyObject's single-request limit; larger objects keep only their reason file. */
const MAX_COPY_BYTES = 5 * 1024 ** 3;

export interface DataProcessorSettings {
  /** The only bucket whose notifications are processed; also holds the quarantine prefix. */
  readonly ingestionBucket: string;
  readonly analyticsBucket: string;
  /** Prefix of normalized output in the analytics bucket, e.g. "market-data/". */
  readonly outputPrefix: string;
  /** Prefix in the ingestion bucket for quarantined copies and reasons, e.g. "quarantine/". */
  readonly quarantinePrefix: string;
  readonly maxObjectBytes: number;
}

export interface DataProcessorDeps {
  readonly store: ObjectStore;
  readonly telemetry: Telemetry;
  readonly settings: DataProcessorSettings;
}

export type ObjectOutcome =
  | { readonly status: "published"; readonly outputKeys: readonly string[]; readonly rows: number }
  | { readonly status: "quarantined"; readonly code: QuarantineReason["code"]; readonly reasonKey: string; readonly copyKey: string | null }
  | { readonly status: "skipped"; readonly reason: string };

export const DATA_METRICS = {
  published: "FilesPublished",
  rows: "RowsPublished",
  quarantined: "FilesQuarantined",
  skipped: "RecordsSkipped",
  rejected: "RecordsRejected",
  failed: "ProcessingFailures",
} as const;

async function quarantineFile(ref: ObjectRef, reason: QuarantineReason, deps: DataProcessorDeps): Promise<ObjectOutcome> {
  const keys = quarantineKeys(deps.settings.quarantinePrefix, ref);
  const copyable = (ref.size ?? 0) <= MAX_COPY_BYTES;
  if (copyable) await deps.store.copy(ref, keys.copy);
  const document = {
    source: { bucket: ref.bucket, key: ref.key, versionId: ref.versionId ?? null, eTag: ref.eTag ?? null, size: ref.size ?? null },
    code: reason.code,
    message: reason.message,
    problems: reason.problems,
    totalProblems: reason.totalProblems,
    quarantineCopy: copyable ? keys.copy : null,
  };
  // The reason is written last: its presence means the quarantine is complete.
  await deps.store.put(ref.bucket, keys.reason, `${JSON.stringify(document, null, 2)}\n`, "application/json");
  deps.telemetry.counters.count(DATA_METRICS.quarantined);
  deps.telemetry.log.warn("file quarantined", { key: ref.key, versionId: ref.versionId, code: reason.code, totalProblems: reason.totalProblems, firstProblems: reason.problems.slice(0, 3), reasonKey: keys.reason });
  return { status: "quarantined", code: reason.code, reasonKey: keys.reason, copyKey: copyable ? keys.copy : null };
}

async function publish(ref: ObjectRef, plan: Extract<Plan, { kind: "publish" }>, deps: DataProcessorDeps): Promise<ObjectOutcome> {
  for (const output of plan.outputs) {
    await deps.store.put(deps.settings.analyticsBucket, output.key, output.body, "application/x-ndjson");
  }
  deps.telemetry.counters.count(DATA_METRICS.published);
  deps.telemetry.counters.count(DATA_METRICS.rows, plan.rows);
  deps.telemetry.log.info("file published", { key: ref.key, versionId: ref.versionId, rows: plan.rows, outputKeys: plan.outputs.map((o) => o.key) });
  return { status: "published", outputKeys: plan.outputs.map((o) => o.key), rows: plan.rows };
}

export async function processObject(ref: ObjectRef, deps: DataProcessorDeps): Promise<ObjectOutcome> {
  const { maxObjectBytes, outputPrefix } = deps.settings;
  let plan: Plan;
  if (ref.size !== undefined && ref.size > maxObjectBytes) {
    plan = planTooLarge(ref, ref.size, maxObjectBytes);
  } else {
    const read = await deps.store.read(ref, maxObjectBytes);
    if (read.kind === "gone") {
      deps.telemetry.counters.count(DATA_METRICS.skipped);
      deps.telemetry.log.warn("source object skipped", { key: ref.key, versionId: ref.versionId, reason: read.reason });
      return { status: "skipped", reason: read.reason };
    }
    plan = read.kind === "too-large" ? planTooLarge(ref, read.size, maxObjectBytes) : planObject(ref, read.bytes, outputPrefix);
  }
  return plan.kind === "publish" ? publish(ref, plan, deps) : quarantineFile(ref, plan.reason, deps);
}
