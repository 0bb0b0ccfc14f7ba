import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const text = (path: string) => readFileSync(join(ROOT, path), "utf8");

describe("lint in CI", () => {
  it("should run npm run lint in .ci/run after the type-check and before the tests", async () => {
    const steps = text(".ci/run")
      .split("\n")
      .filter((l) => /^npm (run|test)/.test(l));
    assert.deepEqual(steps, ["npm run typecheck", "npm run lint", "npm test"]);
  });

  it("should run npm run lint in the pull-request workflow's offline job", async () => {
    assert.match(
      text(".github/workflows/pull-request.yml"),
      /- run: npm run typecheck\n\s+- run: npm run lint\n\s+- run: npm test/,
    );
  });
});
