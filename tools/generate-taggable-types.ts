/**
 * Derives "taggable" from the installed provider SDKs instead of a hand-kept list: a resource
 * type is taggable when its `<Type>Args` interface has a `tags` input that is a string map.
 * Writes policies/tagging/taggable-types.json; tools/generate-taggable-types.test.ts fails
 * when the committed file no longer matches the installed SDKs (run this script after
 * upgrading @pulumi/aws or @pulumi/azure-native).
 *
 *   node -r ./tools/register.js tools/generate-taggable-types.ts
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface TaggableTypes {
  readonly generatedFrom: Readonly<Record<string, string>>;
  readonly types: readonly string[];
}

export const TAGGABLE_TYPES_FILE = path.join(__dirname, "..", "policies", "tagging", "taggable-types.json");
const SDKS = ["@pulumi/aws", "@pulumi/azure-native"] as const;

function* declarationFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "types") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* declarationFiles(full);
    else if (entry.name.endsWith(".d.ts") && !entry.name.startsWith("get")) yield full;
  }
}

const TAGS_MAP = /^ {4}tags\?: pulumi\.Input<\{\s*\[key: string\]: pulumi\.Input<string>;\s*\}(?: \| undefined)?>;/m;

/** The type token of every custom resource in `file` whose Args take a `tags` string map. */
function taggableIn(file: string): string[] {
  const dts = fs.readFileSync(file, "utf8");
  const found: string[] = [];
  for (const cls of dts.matchAll(/^export declare class (\w+) extends pulumi\.CustomResource \{/gm)) {
    const start = dts.indexOf(`export interface ${cls[1]}Args {`);
    if (start < 0) continue;
    const end = dts.indexOf("\n}", start);
    if (!TAGS_MAP.test(dts.slice(start, end))) continue;
    const js = fs.readFileSync(file.replace(/\.d\.ts$/, ".js"), "utf8");
    const token = new RegExp(`${cls[1]}\\.__pulumiType = '([^']+)'|static __pulumiType = '([^']+)'`).exec(js);
    if (token) found.push(token[1] ?? token[2]);
  }
  return found;
}

export function generateTaggableTypes(nodeModules = path.join(__dirname, "..", "node_modules")): TaggableTypes {
  const generatedFrom: Record<string, string> = {};
  const types: string[] = [];
  for (const sdk of SDKS) {
    const root = path.join(nodeModules, sdk);
    generatedFrom[sdk] = (
      JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }
    ).version;
    for (const file of declarationFiles(root)) types.push(...taggableIn(file));
  }
  return { generatedFrom, types: [...new Set(types)].sort() };
}

export function renderTaggableTypes(t: TaggableTypes): string {
  return `${JSON.stringify(t, null, 1)}\n`;
}

if (require.main === module) {
  const t = generateTaggableTypes();
  fs.writeFileSync(TAGGABLE_TYPES_FILE, renderTaggableTypes(t));
  console.log(`wrote ${t.types.length} taggable types to ${path.relative(process.cwd(), TAGGABLE_TYPES_FILE)}`);
}
