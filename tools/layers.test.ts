import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { collectEdges, importCycles, layerViolations } from "./layers";

const ROOT = join(__dirname, "..");

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "layers-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("layers", () => {
  it("should find no import that runs up or sideways between layers in this repository", async () => {
    assert.deepEqual(layerViolations(collectEdges(ROOT)), []);
  });

  it("should find no import cycle in this repository", async () => {
    assert.deepEqual(importCycles(collectEdges(ROOT)), []);
  });

  it("should report a component that imports a stack module", async () => {
    const root = tree({ "components/a.ts": 'import { x } from "../stacks/b";', "stacks/b.ts": "export const x = 1;" });
    assert.deepEqual(layerViolations(collectEdges(root)), [
      "components/a.ts -> stacks/b.ts: components/ may import only platform-rules/",
    ]);
  });

  it("should report a type-only import from stacks/ into policies/", async () => {
    const root = tree({
      "stacks/a.ts": 'import type { X } from "../policies/x";',
      "policies/x.ts": "export type X = 1;",
    });
    assert.equal(layerViolations(collectEdges(root)).length, 1);
  });

  it("should report a require() and a dynamic import() of tools/", async () => {
    const root = tree({
      "services/a.ts": 'const t = require("../tools/t");\nexport const u = import("../tools/t");',
      "tools/t.ts": "export {};",
    });
    assert.equal(layerViolations(collectEdges(root)).length, 2);
  });

  it("should report a platform-rules module that imports a component", async () => {
    const root = tree({ "platform-rules/a.ts": 'export * from "../components/b";', "components/b.ts": "export {};" });
    assert.deepEqual(layerViolations(collectEdges(root)), [
      "platform-rules/a.ts -> components/b.ts: platform-rules/ may import only nothing of ours",
    ]);
  });

  it("should allow tools/ to import every layer and stacks/ to import components/", async () => {
    const root = tree({
      "tools/a.ts": 'import "../stacks/s";\nimport "../policies/p";\nimport "../services/v";',
      "stacks/s.ts": 'import "../components/c";',
      "components/c.ts": 'import "../platform-rules/r";',
      "policies/p.ts": "export {};",
      "services/v.ts": "export {};",
      "platform-rules/r.ts": "export {};",
    });
    assert.deepEqual(layerViolations(collectEdges(root)), []);
  });

  it("should report a type-only cycle between two files", async () => {
    const root = tree({
      "components/a.ts": 'import type { B } from "./b";\nexport type A = 1;',
      "components/b.ts": 'import type { A } from "./a";\nexport type B = 2;',
    });
    assert.deepEqual(importCycles(collectEdges(root)), [["components/a.ts", "components/b.ts"]]);
  });

  it("should fail loudly on an import it cannot resolve", async () => {
    const root = tree({ "components/a.ts": 'import "./missing";' });
    assert.throws(() => collectEdges(root), /components\/a\.ts: cannot resolve import "\.\/missing"/);
  });
});
