/**
 * `npm run cost -- --stack <name> [--json] [--out FILE] [--usage FILE] [--compare FILE] [--plan FILE] [--all]`
 *
 * The monthly cost of a stack from its offline plan (or from a saved `npm run plan -- --json`
 * file): per resource and in total, fixed (idle) cost apart from usage-based cost, and the
 * stack's budget (platform:budget.monthlyUsd, read from the plan's AWS Budget) compared with it.
 * Exit 0 on an estimate (over budget included: it is advisory), 2 on bad usage or input.
 */
process.env.AWS_EC2_METADATA_DISABLED = "true";
if (require.main === module && !process.argv.includes("--debug")) Error.stackTraceLimit = 0;

import { readFileSync, statSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { budgetOf, budgetVerdict } from "../../platform-rules/cost/budget";
import type { CostEstimate } from "../../platform-rules/cost/estimate-types";
import { estimateCost } from "../../platform-rules/cost/estimate";
import type { CostInput } from "../../platform-rules/cost/pricers";
import { loadUsage, UsageError } from "../../platform-rules/cost/usage";
import { costDelta, renderDelta, renderEstimate } from "./render";
import { runCli } from "../run-cli";

const USAGE =
  "usage: npm run cost -- --stack <name> [--json] [--out FILE] [--usage FILE] [--compare FILE] [--plan FILE] [--all] [--root DIR]";

export interface CostCliResult {
  readonly exitCode: 0 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

const fail = (message: string): CostCliResult => ({ exitCode: 2, stdout: "", stderr: `${message}\n` });

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      stack: { type: "string" },
      json: { type: "boolean", default: false },
      out: { type: "string" },
      usage: { type: "string" },
      compare: { type: "string" },
      plan: { type: "string" },
      all: { type: "boolean", default: false },
      root: { type: "string" },
      debug: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

/** A file argument that must be a readable JSON document of a known shape. */
function readJson(flag: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${flag} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      cause: err,
    });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${flag} ${path} is not JSON: ${(err as Error).message}`, { cause: err });
  }
}

function asEstimate(doc: unknown, path: string): CostEstimate {
  const e = doc as Partial<CostEstimate> | null;
  if (!e || typeof e !== "object" || typeof e.monthly?.total !== "number" || !Array.isArray(e.resources)) {
    throw new Error(`--compare ${path} is not a cost estimate (write one with npm run cost -- --stack <name> --json)`);
  }
  return e as CostEstimate;
}

async function planResources(
  flags: ReturnType<typeof parse>,
  stack: string,
): Promise<readonly (CostInput & { custom?: boolean })[]> {
  if (flags.plan) {
    const plan = readJson("--plan", flags.plan) as { stack?: unknown; resources?: unknown };
    if (!plan || !Array.isArray(plan.resources))
      throw new Error(`--plan ${flags.plan} is not an offline plan (npm run plan -- --json)`);
    if (plan.stack !== stack)
      throw new Error(`--plan ${flags.plan} is the plan of stack ${String(plan.stack)}, not ${stack}`);
    return plan.resources as CostInput[];
  }
  const { runStackOffline } = await import("../../stacks/offline/plan");
  return (await runStackOffline(stack, { root: flags.root })).resources;
}

export async function runCostCli(argv: string[]): Promise<CostCliResult> {
  let flags: ReturnType<typeof parse>;
  try {
    flags = parse(argv);
  } catch (err) {
    return fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (flags.help) return { exitCode: 0, stdout: `${USAGE}\n`, stderr: "" };
  if (!flags.stack) return fail(`--stack is required\n${USAGE}`);
  if (flags.out) {
    // Refuse before the (slow) plan, not after it.
    try {
      if (statSync(flags.out).isDirectory()) return fail(`--out ${flags.out} is a directory: name a file`);
    } catch {
      /* a new file */
    }
  }

  let before: CostEstimate | undefined;
  let estimate: CostEstimate;
  try {
    const usage = loadUsage(flags.stack, flags.usage);
    if (flags.compare) before = asEstimate(readJson("--compare", flags.compare), flags.compare);
    const resources = await planResources(flags, flags.stack);
    estimate = estimateCost(resources, { stack: flags.stack, usage });
    const budget = budgetOf(resources);
    if (budget !== undefined) estimate = { ...estimate, budget: budgetVerdict(estimate, budget) };
    if (before) estimate = { ...estimate, compare: { against: flags.compare!, ...costDelta(before, estimate) } };
  } catch (err) {
    if (err instanceof UsageError) return fail(`bad usage assumptions in ${err.message}`);
    const detail = flags.debug && err instanceof Error ? `\n${err.stack}` : "";
    return fail(`${err instanceof Error ? err.message : String(err)}${detail}`);
  }

  const json = JSON.stringify(estimate, null, 2) + "\n";
  if (flags.out) writeFileSync(flags.out, json);
  let stdout: string;
  if (flags.json) stdout = flags.out ? `Cost estimate written to ${flags.out}\n` : json;
  else {
    const parts = [renderEstimate(estimate, { all: flags.all })];
    if (estimate.budget) parts.push("", estimate.budget.message);
    if (before) parts.push("", renderDelta(before, estimate));
    if (flags.out) parts.push("", `Cost estimate written to ${flags.out}`);
    stdout = parts.join("\n") + "\n";
  }
  return { exitCode: 0, stdout, stderr: "" };
}

if (require.main === module) void runCli("cost", runCostCli);
