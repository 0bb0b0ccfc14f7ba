/**
 * Peak memory of the data processor per file size (`npm run bench -- --only data-processor-memory`).
 * The deployed model: one S3 notification per fresh Node process running handler.ts, against a
 * local S3 (s3rver in this process, loopback only, explicit test credentials). Each file is made
 * of valid rows on one UTC date, so it is parsed, validated and published whole; a last file of
 * the largest size ends in one bad row and must be quarantined.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { startS3rver } from "../../services/processing/testing/s3rver";
import { measure } from "./measure";

const ROOT = resolve(__dirname, "..", "..");
const TS_REGISTER = join(ROOT, "tools", "register.js");
const CHILD = join(ROOT, "services", "data-processor", "testing", "memory-child.ts");
const INGEST = "bench-ingest";
const ANALYTICS = "bench-analytics";
const MIB = 1024 * 1024;

export interface MemoryFigure {
  readonly label: string;
  readonly sizeMiB: number;
  readonly rows?: number;
  readonly status: string;
  readonly peakRssMb: number;
  readonly seconds: number;
}

/** Writes `bytes` of valid JSON-lines quotes (last row bad when `poisoned`) and returns the row count. */
async function writeQuotes(path: string, bytes: number, poisoned: boolean): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let rows = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const bid = (10000 + ((rows + i) % 89999)).toString();
      lines.push(
        `{"pair":"EUR/USD","bid":"1.${bid}","ask":"1.99999","timestamp":"2025-03-01T09:30:${String((rows + i) % 60).padStart(2, "0")}.123Z"}\n`,
      );
    }
    rows += lines.length;
    const chunk = lines.join("");
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  }
  if (poisoned) out.write('{"pair":"EUR/USD","bid":"2.0","ask":"1.0","timestamp":"2025-03-01T23:59:59Z"}\n');
  out.end();
  await once(out, "finish");
  return rows;
}

export async function runDataProcessorMemoryBench(
  options: { readonly sizesMiB?: readonly number[] } = {},
): Promise<MemoryFigure[]> {
  const sizes = options.sizesMiB ?? [1, 32, 128];
  const largest = Math.max(...sizes);
  const cases = [...sizes.map((s) => ({ sizeMiB: s, poisoned: false })), { sizeMiB: largest, poisoned: true }];
  const dir = await mkdtemp(join(tmpdir(), "bench-data-processor-"));
  const s3rver = await startS3rver([INGEST, ANALYTICS]);
  const s3 = s3rver.client();
  const figures: MemoryFigure[] = [];
  try {
    for (const c of cases) {
      const key = `incoming/quotes-${c.sizeMiB}mib${c.poisoned ? "-bad" : ""}.jsonl`;
      const path = join(dir, "file.jsonl");
      const rows = await writeQuotes(path, c.sizeMiB * MIB, c.poisoned);
      await new Upload({
        client: s3,
        params: { Bucket: INGEST, Key: key, Body: createReadStream(path) },
        queueSize: 1,
      }).done();
      const head = await s3.send(new HeadObjectCommand({ Bucket: INGEST, Key: key }));
      const size = (await stat(path)).size;
      await rm(path);
      const run = await measure(process.execPath, ["-r", TS_REGISTER, CHILD], {
        cwd: ROOT,
        rssOf: /memory-child\.ts/,
        env: {
          AWS_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: "S3RVER",
          AWS_SECRET_ACCESS_KEY: "S3RVER",
          AWS_EC2_METADATA_DISABLED: "true",
          AWS_ENDPOINT_URL_S3: s3rver.endpoint,
          POWERTOOLS_LOG_LEVEL: "SILENT",
          POWERTOOLS_METRICS_DISABLED: "true",
          POWERTOOLS_TRACE_ENABLED: "false",
          INGESTION_BUCKET: INGEST,
          ANALYTICS_BUCKET: ANALYTICS,
          MAX_OBJECT_BYTES: String(256 * MIB),
          BENCH_BUCKET: INGEST,
          BENCH_KEY: key,
          BENCH_SIZE: String(size),
          BENCH_ETAG: head.ETag?.replace(/"/g, "") ?? "",
        },
      });
      const result = JSON.parse(run.output.trim().split("\n").pop() || "{}") as {
        status?: string;
        code?: string;
        ms?: number;
      };
      if (run.exitCode !== 0 || !result.status) throw new Error(`the processor failed on ${key}:\n${run.output}`);
      figures.push({
        label: `${c.sizeMiB} MiB ${c.poisoned ? "file with a bad last row" : "valid file"}`,
        sizeMiB: c.sizeMiB,
        rows,
        status: result.code ? `${result.status} (${result.code})` : result.status,
        peakRssMb: run.peakRssMb ?? Number.NaN,
        seconds: (result.ms ?? Number.NaN) / 1000,
      });
    }
  } finally {
    s3.destroy();
    await s3rver.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return figures;
}
