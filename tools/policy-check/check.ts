/**
 * `npm run policy:check -- --file FILE [--json] [--config FILE]...`
 *
 * Runs every policy pack over an offline plan or a `pulumi stack export` file. Exit 0: no
 * mandatory violation; 1: at least one; 2: bad flag, unreadable/malformed file or config.
 * Kept lean on purpose (no @pulumi/pulumi, no provider SDK): it must start in well under 2 s.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseFlags as parseCliFlags } from "../../platform-rules/cli-flags";
import type { PlanFinding, PlanWaiver } from "../../platform-rules/plan-format";
import { PolicyConfigError, PolicyRuntimeError, runPolicyPacks } from "../../policies/runner";
import { InputFileError, loadInput, readJsonFile } from "../../policies/runner/input-file";
import { PACKS } from "../../policies/catalog";
import { renderWaivers, waiverReport } from "../policy-config/waiver-report";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const USAGE = `usage: npm run policy:check -- --file FILE [--json] [--config FILE]... [--stack NAME | --no-stack-config]
  --file FILE        offline plan (npm run plan -- --json) or pulumi stack export (version 3)
  --json             print {findings, summary} as JSON
  --config FILE      policy config in --policy-pack-config format ({"<policy>": "advisory" | {"enforcementLevel": ..., ...}});
                     repeatable, applied on top
  --stack NAME       use policies/config/NAME/<pack>.json (region lists and waivers from Pulumi.NAME.yaml);
                     default: the file's stack, when that directory exists
  --no-stack-config  run every pack with its schema defaults only`;

class UsageError extends Error {}

const OPTIONS = {
  file: { type: "string" },
  json: { type: "boolean" },
  config: { type: "string", multiple: true },
  stack: { type: "string" },
  "no-stack-config": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

interface Flags {
  readonly file: string;
  readonly json: boolean;
  readonly configs: readonly string[];
  /** undefined: the input's stack; null: none. */
  readonly stack?: string | null;
}

export function parseFlags(argv: readonly string[]): Flags | "help" {
  const { values, positionals, problems } = parseCliFlags(argv, OPTIONS);
  if (problems.length > 0) throw new UsageError(problems.map((p) => p.message).join("; "));
  if (positionals.length > 0) throw new UsageError(`unknown argument ${JSON.stringify(positionals[0])}`);
  if (values.help) return "help";
  const file = values.file as string | undefined;
  if (!file) throw new UsageError("--file is required");
  // --no-stack-config wins over --stack, as the last of the two did before (they contradict).
  const stack = values["no-stack-config"] ? null : (values.stack as string | undefined);
  return {
    file,
    json: values.json === true,
    configs: (values.config as string[] | undefined) ?? [],
    ...(stack !== undefined ? { stack } : {}),
  };
}

function mergeConfigs(files: readonly string[]): Record<string, unknown> | undefined {
  if (files.length === 0) return undefined;
  const merged: Record<string, unknown> = {};
  for (const f of files) {
    const doc = readJsonFile(f, "config file");
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
      throw new InputFileError(`config file ${f} must be a JSON object of policy name → enforcement level or settings`);
    }
    Object.assign(merged, doc);
  }
  return merged;
}

/** The stack's generated per-pack config (tools/policy-config via npm run docs), or undefined when there is none. */
export function stackPackConfig(stack: string, required: boolean): Record<string, Record<string, unknown>> | undefined {
  const dir = path.join(__dirname, "..", "..", "policies", "config", stack);
  if (!fs.existsSync(dir)) {
    if (required)
      throw new InputFileError(
        `no generated policy config for stack ${stack}: ${dir} does not exist (npm run docs writes it from Pulumi.${stack}.yaml)`,
      );
    return undefined;
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".json")))
    out[f.slice(0, -".json".length)] = readJsonFile(path.join(dir, f), "stack policy config") as Record<
      string,
      unknown
    >;
  return out;
}

export function summarize(findings: readonly PlanFinding[], resources: number) {
  return {
    resources,
    mandatory: findings.filter((f) => f.enforcementLevel === "mandatory").length,
    advisory: findings.filter((f) => f.enforcementLevel === "advisory").length,
    waived: findings.filter((f) => f.message.includes("\n[waived] ")).length,
  };
}

export function renderHuman(
  findings: readonly PlanFinding[],
  packs: readonly string[],
  resources: number,
  file: string,
  waivers: readonly PlanWaiver[] = [],
): string {
  const s = summarize(findings, resources);
  const lines = [`policy:check ${file}: ${resources} resources`];
  for (const pack of packs) {
    const mine = findings.filter((f) => f.pack === pack);
    lines.push("", `${pack}: ${mine.length === 0 ? "no findings" : `${mine.length} finding(s)`}`);
    for (const f of mine) {
      const [, ...detail] = f.message.split("\n");
      lines.push(
        `  [${f.enforcementLevel}] ${f.policy}  ${f.urn ?? "(stack)"}`,
        `      ${detail.length ? detail.join(" ") : f.message}`,
      );
    }
  }
  const provisional = waivers.filter((w) => w.provisional && w.waivedFindings > 0).length;
  lines.push(
    "",
    ...renderWaivers(waivers),
    "",
    `${s.mandatory} mandatory, ${s.advisory} advisory (${s.waived} ` +
      `waived${provisional > 0 ? `, ${provisional} waiver(s) on a provisional approval` : ""}): ` +
      `${s.mandatory > 0 ? "FAILED" : "passed"}`,
  );
  return lines.join("\n");
}

/** The entries of `config` for one pack (its policies, and "all"), so --config wins over the stack's file. */
function pick(pack: string, config: Record<string, unknown>): Record<string, unknown> {
  const names = new Set(PACKS.find((p) => p.name === pack)?.policies.map((d) => d.name) ?? []);
  return Object.fromEntries(Object.entries(config).filter(([k]) => k === "all" || names.has(k)));
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const flags = parseFlags(argv);
    if (flags === "help") {
      console.log(USAGE);
      return 0;
    }
    const input = loadInput(flags.file);
    const config = mergeConfigs(flags.configs);
    const stack = flags.stack === undefined ? input.stack : flags.stack;
    const packConfig = stack === null ? undefined : stackPackConfig(stack, flags.stack !== undefined);
    // --config files win over the stack's generated config: apply them per pack on top.
    const merged =
      packConfig && config
        ? Object.fromEntries(Object.entries(packConfig).map(([pack, c]) => [pack, { ...c, ...pick(pack, config) }]))
        : packConfig;
    const findings = await runPolicyPacks(input.resources, {
      stack: input.stack,
      project: input.project,
      config,
      ...(merged ? { packConfig: merged } : {}),
    });
    const summary = summarize(findings, input.resources.length);
    const waivers = merged ? waiverReport(merged, findings) : [];
    if (flags.json) {
      const out = findings.map(({ pack, policy, enforcementLevel, urn, type, message }) => ({
        pack,
        policy,
        enforcementLevel,
        urn,
        type,
        message,
      }));
      console.log(JSON.stringify({ findings: out, waivers, summary }, null, 2));
    } else {
      console.log(
        renderHuman(
          findings,
          PACKS.map((p) => p.name),
          input.resources.length,
          flags.file,
          waivers,
        ),
      );
    }
    return summary.mandatory > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`policy:check: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputFileError || e instanceof PolicyConfigError || e instanceof PolicyRuntimeError) {
      console.error(`policy:check: ${e.message}`);
      return 2;
    }
    console.error(`policy:check: unexpected error: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
