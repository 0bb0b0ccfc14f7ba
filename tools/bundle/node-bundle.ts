/** The one esbuild configuration for code that runs on Node 22 in the cloud (Lambda, Azure Functions). */
import { resolve } from "node:path";
import { build } from "esbuild";

export const ROOT = resolve(__dirname, "..", "..");

/** Modules left out of every bundle, with the reason. */
export const EXTERNAL_MODULES: Readonly<Record<string, string>> = {
  "pg-native": "optional native binding pg only loads when asked for; never used",
};

/** Bundles `entryFile` and everything it imports into one minified CommonJS `outFile`. */
export async function bundleForNode(
  entryFile: string,
  outFile: string,
  external: readonly string[] = [],
): Promise<void> {
  await build({
    entryPoints: [entryFile],
    outfile: outFile,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    // ESM builds of the SDK and Powertools tree-shake better.
    mainFields: ["module", "main"],
    minify: true,
    // Stack traces map back with --enable-source-maps (LambdaFunction sets NODE_OPTIONS; Azure:
    // languageWorkers__node__arguments); sources stay out of the map so the package does not
    // ship the code twice.
    sourcemap: true,
    sourcesContent: false,
    keepNames: true,
    legalComments: "linked",
    external: [...Object.keys(EXTERNAL_MODULES), ...external],
    logLevel: "silent",
  });
}
