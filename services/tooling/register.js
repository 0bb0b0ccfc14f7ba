// `node -r ./services/tooling/register.js file.ts`: runs TypeScript through esbuild's
// transform (type-checking is `npm run typecheck`'s job). The CLIs use it instead of ts-node
// because ts-node installs source-map-support, and the Pulumi SDK formats a full stack trace
// for every resource and promise: mapping each one costs a plan seconds. Inline source maps
// are still emitted; run with NODE_OPTIONS=--enable-source-maps to see TypeScript positions.
"use strict";
// Node 22's on-disk V8 code cache: the provider SDKs are large, and a warm plan skips
// recompiling them (stored under the OS temp dir; safe to delete).
require("node:module").enableCompileCache?.();
const { readFileSync } = require("node:fs");
const { transformSync } = require("esbuild");

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, "utf8"), {
    loader: "ts",
    format: "cjs",
    target: "node22",
    sourcefile: filename,
    sourcemap: "inline",
    // import() becomes require(), so extensionless relative paths resolve as under ts-node.
    supported: { "dynamic-import": false },
  });
  module._compile(code, filename);
};
