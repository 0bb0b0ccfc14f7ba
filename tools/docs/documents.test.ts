import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GENERATED_DOCS } from "./documents";

const ROOT = join(__dirname, "..", "..");

describe("GENERATED_DOCS", () => {
  for (const doc of GENERATED_DOCS) {
    it(`should keep ${doc.path} current (run npm run docs)`, async () => {
      const onDisk = existsSync(join(ROOT, doc.path)) ? readFileSync(join(ROOT, doc.path), "utf8") : "";
      assert.ok(onDisk === doc.render(), `${doc.path} is stale: run npm run docs`);
    });
  }
});
