/**
 * `npm run compliance:report -- [--region R] [--endpoint URL] [--format md|json|html] [--out FILE] [--rules-prefix P]`
 *
 * Lists, per PCI DSS v4.0.1 requirement, the AWS Config rules and their compliance, and every
 * non-compliant resource with Config's annotation. Exit 0: every evaluated rule complies;
 * 1: at least one rule is NON_COMPLIANT; 2: the report could not be produced (bad flag, no
 * or rejected credentials, access denied, unreachable endpoint).
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { collectRuleFacts } from "../../services/compliance-report/collect";
import { createConfigClient } from "../../services/compliance-report/client";
import { explainError } from "../../services/compliance-report/errors";
import { FORMATS, render, type Format } from "../../services/compliance-report/render";
import { buildReport, exitCodeOf } from "../../services/compliance-report/report";

export const USAGE = `Usage: npm run compliance:report -- [options]

  --region R          AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)
  --endpoint URL      AWS Config endpoint override, e.g. http://127.0.0.1:4566
  --format F          md (default), json or html
  --out FILE          write the report to FILE instead of stdout
  --rules-prefix P    only rules whose name starts with P (the stack's rules: pci-<stack>-)
  --timeout S         give up after S seconds in all (default 300; each request also times out after 20 s)
  --help              show this help

Exit codes: 0 all evaluated rules comply, 1 some rule is NON_COMPLIANT, 2 the report could not be produced.`;

export interface CliOptions {
  readonly region: string;
  readonly endpoint?: string;
  readonly format: Format;
  readonly out?: string;
  readonly rulesPrefix?: string;
  /** The whole report must be collected within this. */
  readonly timeoutSeconds: number;
}

export class UsageError extends Error {}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        region: { type: "string" },
        endpoint: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        "rules-prefix": { type: "string" },
        timeout: { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0].replace(/\. To specify a positional argument.*$/, ""));
  }
  if (values.help) return "help";
  const format = values.format ?? "md";
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}; got ${JSON.stringify(format)}`);
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
    throw new UsageError(`--region must be an AWS region such as us-east-1; got ${JSON.stringify(region)}`);
  if (values.endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(values.endpoint);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol))
      throw new UsageError(
        `--endpoint must be an http(s) URL such as http://127.0.0.1:4566; got ${JSON.stringify(values.endpoint)}`,
      );
  }
  if (values.out === "") throw new UsageError("--out needs a file name");
  const timeout = values.timeout ?? "300";
  if (!/^[1-9]\d{0,4}$/.test(timeout))
    throw new UsageError(`--timeout must be a whole number of seconds from 1 to 99999; got ${JSON.stringify(timeout)}`);
  return {
    region,
    endpoint: values.endpoint,
    format: format as Format,
    out: values.out,
    rulesPrefix: values["rules-prefix"],
    timeoutSeconds: Number(timeout),
  };
}

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly now?: () => Date;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions | "help";
  try {
    options = parseCliArgs(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`compliance:report: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === "help") {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const tty = io.stderr.isTTY === true;
  const progress = (message: string) => {
    if (tty) io.stderr.write(`\r\x1b[K${message}`);
  };
  const client = createConfigClient({ region: options.region, endpoint: options.endpoint });
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ReportTimeoutError(options.timeoutSeconds)), options.timeoutSeconds * 1000);
    });
    const facts = await Promise.race([
      collectRuleFacts(client, { rulesPrefix: options.rulesPrefix, onProgress: progress }),
      deadline,
    ]);
    if (tty) io.stderr.write("\r\x1b[K");
    const report = buildReport({
      rules: facts,
      region: options.region,
      rulesPrefix: options.rulesPrefix,
      generatedAt: (io.now ?? (() => new Date()))(),
    });
    const text = render(report, options.format);
    if (options.out) {
      try {
        await writeFile(options.out, text);
      } catch (error) {
        io.stderr.write(`compliance:report: cannot write ${options.out}: ${(error as Error).message}\n`);
        return 2;
      }
      const s = report.summary;
      io.stderr.write(`Wrote ${options.out}: ${s.rules} rules, ${s.NON_COMPLIANT} non-compliant.\n`);
    } else {
      io.stdout.write(text);
    }
    return exitCodeOf(report);
  } catch (error) {
    if (tty) io.stderr.write("\r\x1b[K");
    if (error instanceof ReportTimeoutError) {
      const where = options.endpoint ? ` at ${options.endpoint}` : ` in ${options.region}`;
      io.stderr.write(
        `compliance:report: AWS Config${where} did not answer within ${options.timeoutSeconds} s; check --endpoint and the network, or raise --timeout\n`,
      );
      return 2;
    }
    const explained = explainError(error, options);
    io.stderr.write(`compliance:report: ${explained.message}\n`);
    return explained.exitCode;
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
}

class ReportTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`no report within ${seconds} s`);
  }
}

/**
 * Ends the process with `code` once stdout and then stderr have flushed, rather than when the
 * event loop drains: after a timeout (or an unexpected failure) the SDK's request to a silent
 * endpoint may still be pending (and retried), and would keep the process alive long after the
 * report gave up, or exit 0 if it were cut short.
 */
export function exitAfterFlush(code: number, io: Pick<CliIo, "stdout" | "stderr">, exit: (code: number) => void): void {
  io.stdout.write("", () => io.stderr.write("", () => exit(code)));
}

/** The CLI's entry: runs `run` (runCli), and exits with its code, or 2 on an unexpected failure, after flushing. */
export function main(
  argv: readonly string[],
  io: CliIo,
  run: (argv: readonly string[], io: CliIo) => Promise<number> = runCli,
  exit: (code: number) => void = (code) => process.exit(code),
): Promise<void> {
  return run(argv, io).then(
    (code) => exitAfterFlush(code, io, exit),
    (error: unknown) => {
      io.stderr.write(`compliance:report: unexpected failure: ${(error as Error)?.message ?? String(error)}\n`);
      exitAfterFlush(2, io, exit);
    },
  );
}

if (require.main === module) {
  // Never let the SDK probe instance metadata for credentials or region (see client.ts).
  process.env.AWS_EC2_METADATA_DISABLED ??= "true";
  void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
