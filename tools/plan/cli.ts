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

import { readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { storedJsonProblems } from "../../services/shared/json-limits";
import { printable } from "../../platform-rules/text";
import { runCli } from "../run-cli";

const USAGE =
  "usage: npm run plan -- --stack <name> [--json] [--out FILE] [--policy-config FILE] [--root DIR] [--debug]";

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

function usageError(message: string): PlanCliResult {
  return { exitCode: 2, stdout: "", stderr: `${message}\n` };
}

/** Why `path` cannot take the plan, checked before planning; undefined when it can. */
function outProblem(path: string): string | undefined {
  if (path === "") return "needs a file name";
  try {
    if (statSync(path).isDirectory()) return "is a directory; name a file, e.g. plan.json";
  } catch {
    // Does not exist yet: its directory must.
    const dir = dirname(resolve(path));
    try {
      if (!statSync(dir).isDirectory()) return `${dir} is not a directory`;
    } catch {
      return `the directory ${dir} does not exist`;
    }
  }
  return undefined;
}

export async function runPlanCli(argv: string[]): Promise<PlanCliResult> {
  const result = await runPlanCliUnsafe(argv);
  // Messages quote files and values: no terminal escape sequence from them reaches the terminal.
  return { ...result, stderr: printable(result.stderr) };
}

async function runPlanCliUnsafe(argv: string[]): Promise<PlanCliResult> {
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
    const file = flags["policy-config"];
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return usageError(
        `cannot read --policy-config ${file}: ${code === "EISDIR" ? "it is a directory" : (err as Error).message}`,
      );
    }
    try {
      policyConfig = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      return usageError(`--policy-config ${file} is not valid JSON: ${(err as Error).message}`);
    }
    if (typeof policyConfig !== "object" || policyConfig === null || Array.isArray(policyConfig)) {
      return usageError(`--policy-config ${file} must hold a JSON object of policy names to settings`);
    }
    // A __proto__ key would be dropped by the first object copy and its settings silently ignored.
    const problems = storedJsonProblems(policyConfig, 16);
    if (problems.length > 0) return usageError(`--policy-config ${file}: ${problems.join("; ")}`);
  }
  // Fail before the plan (seconds), not after it: --out must name a file in an existing directory.
  if (flags.out !== undefined) {
    const problem = outProblem(flags.out);
    if (problem) return usageError(`--out ${flags.out}: ${problem}`);
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
  if (flags.out) {
    try {
      writeFileSync(flags.out, json);
    } catch (err) {
      return usageError(`cannot write --out ${flags.out}: ${(err as Error).message}`);
    }
  }
  if (flags.json && !flags.out) stdout = json;
  else if (!flags.json) {
    const { renderPlan } = await import("./render");
    stdout = renderPlan(plan) + "\n" + (flags.out ? `\nPlan written to ${flags.out}\n` : "");
  } else stdout = `Plan written to ${flags.out}\n`;
  const mandatory = plan.findings.some((f) => f.enforcementLevel === "mandatory");
  return { exitCode: mandatory ? 1 : 0, stdout, stderr: "" };
}

if (require.main === module) void runCli("plan", runPlanCli);
