/**
 * `npm run docs` regenerates the documents that are rendered from code; `--check` reports
 * (exit 1) any that are stale instead of writing. Tests check the same renderers.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { GENERATED_DOCS } from "./documents";

const ROOT = resolve(__dirname, "..", "..");

async function main(): Promise<number> {
  let flags;
  try {
    flags = parseArgs({
      options: { write: { type: "boolean", default: false }, check: { type: "boolean", default: false } },
      strict: true,
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\nusage: npm run docs [-- --check]`);
    return 2;
  }
  const check = flags.check;
  let stale = 0;
  for (const doc of GENERATED_DOCS) {
    const file = join(ROOT, doc.path);
    const text = doc.render();
    const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    if (current === text) {
      console.log(`up to date  ${doc.path}`);
    } else if (check) {
      stale++;
      console.log(`STALE       ${doc.path} (run npm run docs)`);
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      console.log(`wrote       ${doc.path}`);
    }
  }
  return stale > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(`docs failed: ${(err as Error).message}`);
    process.exitCode = 2;
  },
);
