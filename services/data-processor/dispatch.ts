/**
 * The S3-notification handler: routes each record, processes accepted objects one by one and
 * reports the rest. If any record was rejected or hit a dependency failure, the invocation
 * throws after handling every other record, so Lambda retries it (processing is idempotent) and
 * finally hands the event to the function's on-failure destination: nothing is silently dropped.
 */
import { describeError, ProcessingError } from "../processing/errors";
import { DATA_METRICS, processObject, type DataProcessorDeps, type ObjectOutcome } from "./process-object";
import { decideRecord, recordsOf } from "./s3-event";

export type RecordResult =
  ({ readonly key: string } & ObjectOutcome) | { readonly status: "rejected"; readonly reason: string };

export class RecordsFailedError extends ProcessingError {
  readonly code = "records-failed";
  readonly kind;
  constructor(
    readonly failures: readonly string[],
    retryable: boolean,
  ) {
    super(`${failures.length} S3 record(s) not processed: ${failures.join("; ")}`);
    this.kind = retryable ? ("transient" as const) : ("invalid" as const);
  }
}

export type DataHandler = (event: unknown) => Promise<readonly RecordResult[]>;

export function createDataHandler(deps: DataProcessorDeps): DataHandler {
  const { log, counters } = deps.telemetry;
  const rules = { ingestionBucket: deps.settings.ingestionBucket, quarantinePrefix: deps.settings.quarantinePrefix };
  return async (event) => {
    const results: RecordResult[] = [];
    const failures: string[] = [];
    let retryable = false;
    for (const [index, record] of recordsOf(event).entries()) {
      const decision = decideRecord(record, rules);
      if (decision.action === "reject") {
        counters.count(DATA_METRICS.rejected);
        log.error("S3 record rejected", { record: index, reason: decision.reason });
        failures.push(`record ${index}: ${decision.reason}`);
        results.push({ status: "rejected", reason: decision.reason });
        continue;
      }
      if (decision.action === "skip") {
        counters.count(DATA_METRICS.skipped);
        log.info("S3 record skipped", { key: decision.ref.key, reason: decision.reason });
        results.push({ key: decision.ref.key, status: "skipped", reason: decision.reason });
        continue;
      }
      try {
        results.push({ key: decision.ref.key, ...(await processObject(decision.ref, deps)) });
      } catch (error) {
        const described = describeError(error);
        retryable ||= described.kind === "transient";
        counters.count(DATA_METRICS.failed);
        log.error("S3 object not processed", {
          key: decision.ref.key,
          versionId: decision.ref.versionId,
          errorCode: described.code,
          failureKind: described.kind,
          reason: described.message,
        });
        failures.push(`${decision.ref.key}: ${described.message}`);
      }
    }
    if (failures.length > 0) throw new RecordsFailedError(failures, retryable);
    return results;
  };
}
