/**
 * One source object through the pipeline: streamed (size-capped), parsed and validated line by
 * line, each row written to its date's output as it comes; published when every line passed,
 * else every output aborted and the file quarantined with its reason. Free of AWS types;
 * dependency failures propagate as DependencyError for the dispatcher to report.
 */
import type { Telemetry } from "../processing/telemetry";
import { outputKey, quarantineKeys } from "./keys";
import { MAX_LINE_CHARS, readLines, StreamEncodingError, StreamTooLargeError } from "./lines";
import type { ObjectStore, ObjectWriter } from "./object-store";
import { formatOfKey, MarketParser, type FileFormat, type ParsedRow } from "./parse";
import {
  MAX_OUTPUT_DATES,
  outputDate,
  outputLine,
  planTooLarge,
  quarantine,
  tooManyDates,
  type Plan,
  type QuarantineReason,
} from "./plan";
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
  | {
      readonly status: "quarantined";
      readonly code: QuarantineReason["code"];
      readonly reasonKey: string;
      readonly copyKey: string | null;
    }
  | { readonly status: "skipped"; readonly reason: string };

export const DATA_METRICS = {
  published: "FilesPublished",
  rows: "RowsPublished",
  quarantined: "FilesQuarantined",
  skipped: "RecordsSkipped",
  rejected: "RecordsRejected",
  failed: "ProcessingFailures",
} as const;

async function quarantineFile(
  ref: ObjectRef,
  reason: QuarantineReason,
  deps: DataProcessorDeps,
): Promise<ObjectOutcome> {
  const keys = quarantineKeys(deps.settings.quarantinePrefix, ref);
  const copyable = (ref.size ?? 0) <= MAX_COPY_BYTES;
  if (copyable) await deps.store.copy(ref, keys.copy);
  const document = {
    source: {
      bucket: ref.bucket,
      key: ref.key,
      versionId: ref.versionId ?? null,
      eTag: ref.eTag ?? null,
      size: ref.size ?? null,
    },
    code: reason.code,
    message: reason.message,
    problems: reason.problems,
    totalProblems: reason.totalProblems,
    quarantineCopy: copyable ? keys.copy : null,
  };
  // The reason is written last: its presence means the quarantine is complete.
  await deps.store.put(ref.bucket, keys.reason, `${JSON.stringify(document, null, 2)}\n`, "application/json");
  deps.telemetry.counters.count(DATA_METRICS.quarantined);
  deps.telemetry.log.warn("file quarantined", {
    key: ref.key,
    versionId: ref.versionId,
    code: reason.code,
    totalProblems: reason.totalProblems,
    firstProblems: reason.problems.slice(0, 3),
    reasonKey: keys.reason,
  });
  return { status: "quarantined", code: reason.code, reasonKey: keys.reason, copyKey: copyable ? keys.copy : null };
}

/** The open output objects of one file, one per UTC date, in the order dates first appear. */
class DateOutputs {
  private readonly writers = new Map<string, { writer: ObjectWriter; key: string; rows: number }>();
  private aborted = false;

  constructor(
    private readonly ref: ObjectRef,
    private readonly deps: DataProcessorDeps,
  ) {}

  get dates(): number {
    return this.writers.size;
  }

  /** Writes one row; false (writing nothing) when it would open more than MAX_OUTPUT_DATES outputs. */
  async write(parsed: ParsedRow): Promise<boolean> {
    const date = outputDate(parsed);
    let output = this.writers.get(date);
    if (!output) {
      if (this.writers.size >= MAX_OUTPUT_DATES) return false;
      const key = outputKey(this.deps.settings.outputPrefix, date, this.ref);
      output = {
        writer: this.deps.store.writer(this.deps.settings.analyticsBucket, key, "application/x-ndjson"),
        key,
        rows: 0,
      };
      this.writers.set(date, output);
    }
    output.rows += 1;
    await output.writer.write(`${outputLine(this.ref, parsed)}\n`);
    return true;
  }

  /** Completes every output, earliest date first; returns their keys. */
  async complete(): Promise<string[]> {
    const sorted = [...this.writers.entries()].sort(([a], [b]) => a.localeCompare(b));
    try {
      for (const [, output] of sorted) await output.writer.complete();
    } catch (error) {
      await this.abort();
      throw error;
    }
    return sorted.map(([, output]) => output.key);
  }

  /** Stops writing: nothing not yet completed becomes visible. Idempotent, never throws. */
  async abort(): Promise<void> {
    if (this.aborted) return;
    this.aborted = true;
    await Promise.all([...this.writers.values()].map((o) => o.writer.abort()));
  }
}

function reasonOf(plan: Plan): QuarantineReason {
  if (plan.kind !== "quarantine") throw new Error("not a quarantine plan");
  return plan.reason;
}

/**
 * Streams the file: each line is parsed and validated as it arrives and each good row written to
 * its date's output upload, so memory stays bounded whatever the file's size. The first problem
 * aborts every upload (nothing is published) while reading goes on to report every problem; the
 * file is then quarantined. Only a file whose every line passed completes its uploads.
 */
async function streamObject(ref: ObjectRef, format: FileFormat, deps: DataProcessorDeps): Promise<ObjectOutcome> {
  const { maxObjectBytes } = deps.settings;
  const opened = await deps.store.open(ref, maxObjectBytes);
  if (opened.kind === "gone") {
    deps.telemetry.counters.count(DATA_METRICS.skipped);
    deps.telemetry.log.warn("source object skipped", { key: ref.key, versionId: ref.versionId, reason: opened.reason });
    return { status: "skipped", reason: opened.reason };
  }
  if (opened.kind === "too-large")
    return quarantineFile(ref, reasonOf(planTooLarge(ref, opened.size, maxObjectBytes)), deps);
  const parser = new MarketParser(format);
  const outputs = new DateOutputs(ref, deps);
  let stop: QuarantineReason | undefined;
  try {
    for await (const item of readLines(opened.body, { maxBytes: maxObjectBytes })) {
      const row = "tooLong" in item ? parser.tooLong(item.line, MAX_LINE_CHARS) : parser.push(item.line, item.text);
      if (parser.failed) {
        await outputs.abort();
        continue;
      }
      if (row && !(await outputs.write(row))) {
        stop = reasonOf(tooManyDates(outputs.dates + 1));
        break;
      }
    }
  } catch (error) {
    await outputs.abort();
    if (error instanceof StreamTooLargeError) stop = reasonOf(planTooLarge(ref, error.bytesRead, maxObjectBytes));
    else if (error instanceof StreamEncodingError) stop = { ...reasonOf(quarantine("bad-encoding", [error.message])) };
    else throw error;
  } finally {
    opened.release();
  }
  const verdict = parser.finish();
  if (stop || !verdict.ok) {
    await outputs.abort();
    return quarantineFile(
      ref,
      stop ??
        reasonOf(
          quarantine(
            verdict.ok ? "bad-rows" : verdict.code,
            verdict.ok ? [] : verdict.problems,
            verdict.ok ? 0 : verdict.totalProblems,
          ),
        ),
      deps,
    );
  }
  const outputKeys = await outputs.complete();
  deps.telemetry.counters.count(DATA_METRICS.published);
  deps.telemetry.counters.count(DATA_METRICS.rows, verdict.rows);
  deps.telemetry.log.info("file published", { key: ref.key, versionId: ref.versionId, rows: verdict.rows, outputKeys });
  return { status: "published", outputKeys, rows: verdict.rows };
}

export async function processObject(ref: ObjectRef, deps: DataProcessorDeps): Promise<ObjectOutcome> {
  const { maxObjectBytes } = deps.settings;
  if (ref.size !== undefined && ref.size > maxObjectBytes)
    return quarantineFile(ref, reasonOf(planTooLarge(ref, ref.size, maxObjectBytes)), deps);
  const format = formatOfKey(ref.key);
  if (!format)
    return quarantineFile(
      ref,
      reasonOf(quarantine("unsupported-format", [`${ref.key} has no .csv, .jsonl or .ndjson extension`])),
      deps,
    );
  return streamObject(ref, format, deps);
}
