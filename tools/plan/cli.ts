/**
 * `npm run plan -- --stack <dev|prod> [--json] [--out FILE] [--policy-config FILE]`
 *
 * Runs the real stack program offline (mock engine, the stack's Pulumi.<stack>.yaml), prints
 * the resource tree and the findings of every policy pack. Exit 0 clean, 1 on a mandatory
 * policy violation, 2 on bad config or usage.
 */
process.env.AWS_EC2_METADATA_DISABLED = "true";
// The Pulumi SDK records a stack trace on every promise it creates, only to report leaks;
// formatting them is a third of a plan's time. The plan prints messages, not traces, so it
// captures none unless --debug asks for them. (Source positions still work: the SDK lifts
// the limit itself when it computes one.)
if (require.main === module && !process.argv.includes("--debug")) Error.stackTraceLimit = 0;

import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

const USAGE = "usage: npm run plan -- --stack <name> [--json] [--out FILE] [--policy-config FILE] [--root DIR] [--debug]";

export interface PlanCliResult {
  readonly exitCode: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      stack: { type: "string" },
      json: { type: "boolean", default: false },
      out: { type: "string" },
      "policy-config": { type: "string" },
      /** Directory holding Pulumi.yaml and the stack files; default this repository. */
      root: { type: "string" },
      debug: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

export async function runPlanCli(argv: string[]): Promise<PlanCliResult> {
  let flags: ReturnType<typeof parse>;
  try {
    flags = parse(argv);
  } catch (err) {
    return { exitCode: 2, stdout: "", stderr: `${(err as Error).message}\n${USAGE}\n` };
  }
  if (flags.help) return { exitCode: 0, stdout: `${USAGE}\n`, stderr: "" };
  if (!flags.stack) return { exitCode: 2, stdout: "", stderr: `--stack is required\n${USAGE}\n` };

  let policyConfig: Record<string, unknown> | undefined;
  if (flags["policy-config"]) {
    try {
      policyConfig = JSON.parse(readFileSync(flags["policy-config"], "utf8")) as Record<string, unknown>;
    } catch (err) {
      return { exitCode: 2, stdout: "", stderr: `cannot read --policy-config ${flags["policy-config"]}: ${(err as Error).message}\n` };
    }
  }

  const { planStack } = await import("./plan");
  let plan;
  try {
    plan = await planStack(flags.stack, { policyConfig, root: flags.root });
  } catch (err) {
    // Bad config, bad component args and unreadable stack files all stop the program here.
    const message = err instanceof Error ? err.message : String(err);
    const detail = flags.debug && err instanceof Error ? `\n${err.stack}` : "";
    return { exitCode: 2, stdout: "", stderr: `${message}${detail}\n` };
  }

  const json = JSON.stringify(plan, null, 2) + "\n";
  let stdout: string;
  if (flags.out) writeFileSync(flags.out, json);
  if (flags.json && !flags.out) stdout = json;
  else if (!flags.json) {
    const { renderPlan } = await import("./render");
    stdout = renderPlan(plan) + "\n" + (flags.out ? `\nPlan written to ${flags.out}\n` : "");
  } else stdout = `Plan written to ${flags.out}\n`;
  const mandatory = plan.findings.some((f) => f.enforcementLevel === "mandatory");
  return { exitCode: mandatory ? 1 : 0, stdout, stderr: "" };
}

if (require.main === module) {
  runPlanCli(process.argv.slice(2)).then(
    (r) => {
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      process.exitCode = r.exitCode;
    },
    (err: unknown) => {
      process.stderr.write(`plan failed unexpectedly: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
