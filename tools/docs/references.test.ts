import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { allPolicies } from "../../policies/catalog";

const ROOT = join(__dirname, "..", "..");
const markdown = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdown(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : [],
  );
const DOCS = ["README.md", ...markdown("docs"), "policies/README.md"];

describe("hand-written docs", () => {
  it("should name only policies that exist where they quote a finding's policy", async () => {
    const known = new Set(allPolicies().map((e) => e.definition.name));
    const unknown = DOCS.flatMap((doc) =>
      [...readFileSync(join(ROOT, doc), "utf8").matchAll(/"policy":\s*"([a-z0-9-]+)"/g)]
        .map((m) => m[1])
        .filter((name) => !known.has(name))
        .map((name) => `${doc}: ${name}`),
    );
    assert.deepEqual(unknown, []);
  });

  it("should not tell anyone to run a tool with ts-node (the loader is tools/register.js)", async () => {
    const stale = DOCS.filter((doc) => /ts-node\/register|npx ts-node/.test(readFileSync(join(ROOT, doc), "utf8")));
    assert.deepEqual(stale, []);
  });
});
