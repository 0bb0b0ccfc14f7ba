/** Measures a command's wall time and the peak RSS of its node processes. */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface Measurement {
  readonly wallMs: number;
  readonly exitCode: number | null;
  /** Peak RSS (MB) of the node process whose argv matches `rssOf`, if it was seen. */
  readonly peakRssMb?: number;
  readonly output: string;
}

const REPORTER = resolve(__dirname, "rss-reporter.js");

export function measure(
  command: string,
  args: readonly string[],
  options: { cwd: string; rssOf?: RegExp; env?: NodeJS.ProcessEnv },
): Promise<Measurement> {
  const rssFile = join(mkdtempSync(join(tmpdir(), "bench-")), "rss.jsonl");
  const env = {
    ...process.env,
    ...options.env,
    BENCH_RSS_FILE: rssFile,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${REPORTER}`.trim(),
  };
  const started = process.hrtime.bigint();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let peakRssMb: number | undefined;
      if (options.rssOf && existsSync(rssFile)) {
        const rows = readFileSync(rssFile, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as { argv: string[]; maxRssKb: number });
        const mine = rows.filter((r) => options.rssOf!.test(r.argv.join(" ")));
        if (mine.length > 0) peakRssMb = Math.max(...mine.map((r) => r.maxRssKb)) / 1024;
      }
      resolvePromise({ wallMs, exitCode, peakRssMb, output });
    });
  });
}
