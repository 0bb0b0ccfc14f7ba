// `node -r ./tools/register.js file.ts`: runs TypeScript through esbuild's
// transform (type-checking is `npm run typecheck`'s job). The CLIs and tests use it instead of
// ts-node because ts-node installs source-map-support, and the Pulumi SDK formats a stack
// trace for every resource and promise: mapping each one costs a plan seconds. Inline source
// maps are still emitted; run with NODE_OPTIONS=--enable-source-maps to see TypeScript
// positions. Transforms are cached in node_modules/.cache (or $TS_REGISTER_CACHE), keyed by
// the source's hash.
"use strict";
// Node 22 or newer (Lambda nodejs22.x, package.json engines). npm scripts get it from
// node_modules/.bin on Linux x64 (tools/check-node.js); anything else stops here in one line.
if (Number(process.versions.node.split(".")[0]) < 22) {
  process.stderr.write(
    `fx-platform needs Node.js 22 or newer and this is ${process.version}: run it through npm (npm test, npm run ...), which uses node_modules/.bin/node on Linux x64, or install Node 22 (e.g. \`nvm install 22\`).\n`,
  );
  process.exit(1);
}
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, writeFileSync, renameSync } = require("node:fs");
const { join } = require("node:path");

// Node 22's on-disk V8 code cache: the provider SDKs are large, and a warm run skips
// recompiling them (stored under the OS temp dir; safe to delete).
require("node:module").enableCompileCache?.();

const OPTIONS = {
  loader: "ts",
  format: "cjs",
  target: "node22",
  sourcemap: "inline",
  // import() becomes require(), so extensionless relative paths resolve as under ts-node.
  supported: { "dynamic-import": false },
};
const CACHE = process.env.TS_REGISTER_CACHE || join(__dirname, "..", "node_modules", ".cache", "ts-register");
let esbuild;

function transform(source, filename) {
  esbuild ??= require("esbuild");
  const key = createHash("sha256").update(esbuild.version).update(filename).update("\0").update(source).digest("hex");
  const cached = join(CACHE, `${key}.js`);
  try {
    return readFileSync(cached, "utf8");
  } catch {
    const { code } = esbuild.transformSync(source, { ...OPTIONS, sourcefile: filename });
    try {
      mkdirSync(CACHE, { recursive: true });
      const partial = `${cached}.${process.pid}`;
      writeFileSync(partial, code);
      renameSync(partial, cached);
    } catch {
      // A read-only checkout still works, just without the cache.
    }
    return code;
  }
}

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  module._compile(transform(readFileSync(filename, "utf8"), filename), filename);
};
