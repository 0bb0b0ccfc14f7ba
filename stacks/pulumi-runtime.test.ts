/**
 * `pulumi up` does not run our npm scripts: the Pulumi CLI's Node.js language host registers
 * ts-node itself, from tsconfig.json, the way @pulumi/pulumi/cmd/run/run.js does. These tests
 * start a child exactly that way and load the real program, so a tsconfig change that would
 * break (or slow down) `pulumi up` fails here first.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..");

// Mirrors run.js: compiler options from tsconfig.json, transpileOnly from `noCheck`, Pulumi's
// own defaults underneath.
const PULUMI_REGISTRATION = `
const tsutils = require("@pulumi/pulumi/tsutils");
const compilerOptions = tsutils.loadTypeScriptCompilerOptions("tsconfig.json");
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
require(tsnodeRequire).register({
  compiler: typescriptRequire,
  transpileOnly: compilerOptions.noCheck,
  project: "tsconfig.json",
  skipProject: false,
  compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true", ...compilerOptions },
});
const main = require("./stacks/main.ts").main;
process.stdout.write(JSON.stringify({ transpileOnly: compilerOptions.noCheck === true, main: typeof main }));
`;

describe("Pulumi CLI runtime", () => {
  let child: ReturnType<typeof spawnSync>;
  before(() => {
    child = spawnSync(process.execPath, ["-e", PULUMI_REGISTRATION], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  });

  it("should load the stack program when ts-node is registered the way the Pulumi CLI does it", async () => {
    assert.equal(JSON.parse(String(child.stdout) || "{}").main, "function", String(child.stderr));
  });

  it("should run transpile-only when the Pulumi CLI reads tsconfig.json", async () => {
    assert.equal(JSON.parse(String(child.stdout) || "{}").transpileOnly, true, String(child.stderr));
  });
});
