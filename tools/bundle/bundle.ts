/**
 * `npm run build:lambdas [-- --only trade-api,audit-processor] [--out dist/lambdas] [--list]`
 *
 * Bundles every Lambda entry point with esbuild into `dist/lambdas/<name>/index.js` (+ a source
 * map), which the stack deploys with `lambdaCode(name)` (components/services/lambda-code.ts).
 * Entries are found by convention: `services/<dir>/handler.ts` is `<dir>`, and
 * `services/<dir>/<x>-handler.ts` is `<dir>-<x>` (e.g. trade-api-migrate).
 *
 * Everything is bundled, the AWS SDK v3 included: the nodejs22.x runtime ships an SDK too,
 * but its version moves under us with runtime updates; bundling pins exactly the versions in
 * package-lock.json that the tests ran against (PCI DSS 6.5.x change control), at the cost of
 * a larger archive. Only `pg-native` stays external: pg loads it lazily and never here. The
 * SDK's optional SigV4a signer (`@aws-sdk/signature-v4-crt`) stays an unresolved require inside
 * the SDK's own try/catch: it is needed only for multi-region access points.
 *
 * It also builds the Azure standby's Function App package into `dist/azure/<name>/`
 * (bundle-azure.ts); `--only azure-trade-api` selects it by name.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { BuildFailure, Message } from "esbuild";
import { AZURE_FUNCTIONS, bundleAzureFunctions, type AzureFunctionEntry } from "./bundle-azure";
import { bundleForNode, ROOT } from "./node-bundle";

export { EXTERNAL_MODULES, ROOT } from "./node-bundle";
export const DEFAULT_OUT_DIR = "dist/lambdas";
/** Modules left out of every bundle, with the reason. */

export interface LambdaEntry {
  /** Bundle name: the folder under dist/lambdas and the argument of lambdaCode(). */
  readonly name: string;
  /** Entry file relative to the repository root. */
  readonly entry: string;
}

/** Every entry point under `<root>/services`, sorted by name. */
export function discoverEntries(root = ROOT): LambdaEntry[] {
  const services = join(root, "services");
  const entries: LambdaEntry[] = [];
  for (const dir of readdirSync(services).sort()) {
    const folder = join(services, dir);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder).sort()) {
      const match = /^(?:([a-z0-9-]+)-)?handler\.ts$/.exec(file);
      if (match) entries.push({ name: match[1] ? `${dir}-${match[1]}` : dir, entry: `services/${dir}/${file}` });
    }
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

/** The entries named in `only` (all when empty); throws naming unknown names and the choices. */
export function selectEntries(all: readonly LambdaEntry[], only: readonly string[]): LambdaEntry[] {
  if (only.length === 0) return [...all];
  const unknown = only.filter((n) => !all.some((e) => e.name === n));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown bundle${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")}; expected one of ${all.map((e) => e.name).join(", ")}`,
    );
  return all.filter((e) => only.includes(e.name));
}

export class UsageError extends Error {}

/**
 * Splits `--only` names into Lambda entries and Azure packages (`azure-<name>`); no names
 * selects everything. Throws a UsageError naming unknown names and every choice.
 */
export function selectBundles(
  all: readonly LambdaEntry[],
  only: readonly string[],
  azure: readonly AzureFunctionEntry[] = AZURE_FUNCTIONS,
): { lambdas: LambdaEntry[]; azure: AzureFunctionEntry[] } {
  if (only.length === 0) return { lambdas: [...all], azure: [...azure] };
  const azureNames = new Map(azure.map((a) => [`azure-${a.name}`, a]));
  const unknown = only.filter((n) => !azureNames.has(n) && !all.some((e) => e.name === n));
  if (unknown.length > 0) {
    const choices = [...all.map((e) => e.name), ...azureNames.keys()];
    throw new UsageError(
      `unknown bundle${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")}; expected one of ${choices.join(", ")}`,
    );
  }
  return {
    lambdas: all.filter((e) => only.includes(e.name)),
    azure: azure.filter((a) => only.includes(`azure-${a.name}`)),
  };
}

export interface BundleResult {
  readonly name: string;
  readonly outFile: string;
  readonly bytes: number;
}

/** Bundles each entry into `<outDir>/<name>/index.js`, replacing what was there. */
export async function bundleEntries(
  entries: readonly LambdaEntry[],
  options: { root?: string; outDir?: string } = {},
): Promise<BundleResult[]> {
  const root = options.root ?? ROOT;
  const outDir = resolve(root, options.outDir ?? DEFAULT_OUT_DIR);
  const results: BundleResult[] = [];
  for (const e of entries) {
    const dir = join(outDir, e.name);
    rmSync(dir, { recursive: true, force: true });
    const outFile = join(dir, "index.js");
    await bundleForNode(join(root, e.entry), outFile);
    results.push({ name: e.name, outFile, bytes: statSync(outFile).size });
  }
  return results;
}

function describeBuildError(err: unknown): string {
  const errors = (err as BuildFailure).errors as Message[] | undefined;
  if (!Array.isArray(errors)) return err instanceof Error ? err.message : String(err);
  return errors
    .map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ${m.text}` : m.text))
    .join("\n");
}

const USAGE =
  "usage: npm run build:lambdas [-- --only <name>[,<name>...]] [--out <dir>] [--list]  (Azure packages: azure-<name>, into dist/azure)";

export async function main(argv: readonly string[]): Promise<number> {
  let flags;
  try {
    flags = parseArgs({
      args: [...argv],
      options: {
        only: { type: "string", multiple: true },
        out: { type: "string" },
        list: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const all = discoverEntries();
  if (flags.list) {
    for (const e of all) console.log(`${e.name}\t${e.entry}`);
    for (const a of AZURE_FUNCTIONS) console.log(`azure-${a.name}\t${a.entry}`);
    return 0;
  }
  let selected: LambdaEntry[];
  let azure: AzureFunctionEntry[];
  try {
    ({ lambdas: selected, azure } = selectBundles(
      all,
      (flags.only ?? [])
        .flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter(Boolean),
    ));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const outDir = flags.out ?? DEFAULT_OUT_DIR;
  const started = Date.now();
  try {
    for (const r of await bundleEntries(selected, { outDir }))
      console.log(
        `${r.name.padEnd(24)} ${(r.bytes / 1024).toFixed(0).padStart(6)} KiB  ${relative(process.cwd(), r.outFile)}`,
      );
    for (const r of await bundleAzureFunctions(azure))
      console.log(
        `${`azure-${r.name}`.padEnd(24)} ${(r.bytes / 1024).toFixed(0).padStart(6)} KiB  ${relative(process.cwd(), r.dir)}/ (Function App package)`,
      );
  } catch (err) {
    console.error(`build:lambdas failed:\n${describeBuildError(err)}`);
    return 1;
  }
  const count = selected.length + azure.length;
  console.log(
    `${count} bundle${count === 1 ? "" : "s"} in ${Date.now() - started} ms (node22, arm64-neutral JS, minified, source maps)`,
  );
  return 0;
}

if (require.main === module) {
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
