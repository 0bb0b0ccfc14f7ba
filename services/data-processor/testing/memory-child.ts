/**
 * One invocation of the real Lambda entry point (handler.ts) on one file, in a process of its
 * own, as Lambda runs it: the memory benchmark measures this process's peak RSS. Reads the
 * file's coordinates from the environment and prints the outcome as one JSON line.
 */
import { handler } from "../handler";
import { lambdaContext } from "../../processing/testing/lambda-env";
import { s3Event } from "./fixtures";

async function main(): Promise<void> {
  const bucket = process.env.BENCH_BUCKET ?? "";
  const key = process.env.BENCH_KEY ?? "";
  const event = s3Event({ bucket, key, size: Number(process.env.BENCH_SIZE), eTag: process.env.BENCH_ETAG });
  const started = Date.now();
  const results = await handler(event, lambdaContext);
  const outcome = results[0] as { status: string; code?: string; rows?: number } | undefined;
  process.stdout.write(
    `${JSON.stringify({ status: outcome?.status, code: outcome?.code, rows: outcome?.rows, ms: Date.now() - started })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
