/**
 * The Azure standby's Function App package, built by `npm run build:lambdas` beside the Lambda
 * bundles: `dist/azure/<name>/` with
 *   - `index.js`: esbuild bundle of the Functions entry (node22, CommonJS, everything bundled);
 *   - `host.json`: copied verbatim (its `extensions.http.routePrefix: ""` keeps paths equal to AWS);
 *   - `package.json`: just `main: "index.js"`, which is how the Node v4 programming model finds
 *     the functions (no function.json files).
 * The stack uploads the folder as the Flex Consumption deployment package
 * (components/azure/function-package.ts); Pulumi zips it.
 *
 * `@azure/functions-core` is not a package: the Functions Node worker injects it at run time,
 * so it must stay an unresolved require (the SDK loads it lazily inside a try/catch).
 */
import { copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { bundleForNode, ROOT } from "./node-bundle";

export const DEFAULT_AZURE_OUT_DIR = "dist/azure";

export interface AzureFunctionEntry {
  /** Folder under dist/azure (the deploy workflow zips `dist/azure/<name>`). */
  readonly name: string;
  /** Entry file relative to the repository root (registers its functions with `app.http`). */
  readonly entry: string;
  /** host.json relative to the repository root. */
  readonly hostJson: string;
}

/** The Function Apps this repository deploys. */
export const AZURE_FUNCTIONS: readonly AzureFunctionEntry[] = [
  { name: "trade-api", entry: "services/trade-api/azure-function.ts", hostJson: "services/trade-api/azure/host.json" },
];

/** Modules the Functions host provides; never bundled. */
export const AZURE_HOST_MODULES: Readonly<Record<string, string>> = {
  "@azure/functions-core": "injected by the Azure Functions Node worker",
};

export interface AzureBundleResult {
  readonly name: string;
  readonly dir: string;
  readonly bytes: number;
}

/** Builds each package into `<outDir>/<name>/`, replacing what was there. */
export async function bundleAzureFunctions(
  entries: readonly AzureFunctionEntry[] = AZURE_FUNCTIONS,
  options: { root?: string; outDir?: string } = {},
): Promise<AzureBundleResult[]> {
  const root = options.root ?? ROOT;
  const outDir = resolve(root, options.outDir ?? DEFAULT_AZURE_OUT_DIR);
  const results: AzureBundleResult[] = [];
  for (const e of entries) {
    const dir = join(outDir, e.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const outFile = join(dir, "index.js");
    await bundleForNode(join(root, e.entry), outFile, Object.keys(AZURE_HOST_MODULES));
    copyFileSync(join(root, e.hostJson), join(dir, "host.json"));
    writeFileSync(
      join(dir, "package.json"),
      `${JSON.stringify({ name: `${e.name}-azure`, private: true, main: "index.js" }, null, 2)}\n`,
    );
    results.push({ name: e.name, dir, bytes: statSync(outFile).size });
  }
  return results;
}
