import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadUsage, UsageError } from "./usage";

const dir = mkdtempSync(join(tmpdir(), "usage-"));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const problemsOf = (path: string): readonly string[] => {
  try {
    loadUsage("dev", path);
  } catch (err) {
    if (err instanceof UsageError) return err.problems;
    throw err;
  }
  assert.fail("expected a UsageError");
};

describe("loadUsage", () => {
  it("should load each stack's documented defaults when no file is given", async () => {
    assert.equal(loadUsage("prod").api.requestsPerMonth, 130_000_000);
  });

  it("should replace only the keys a --usage file names", async () => {
    const u = loadUsage("dev", file("one.yaml", "api:\n  requestsPerMonth: 5\n"));
    assert.deepEqual([u.api.requestsPerMonth, u.aurora.storageGb], [5, loadUsage("dev").aurora.storageGb]);
  });

  it("should name an unknown key", async () => {
    assert.deepEqual(problemsOf(file("typo.yaml", "aurora:\n  storageGB: 5\n")), ["aurora.storageGB: unknown key"]);
  });

  it("should name an unknown section", async () => {
    assert.deepEqual(problemsOf(file("section.yaml", "elasticache:\n  nodes: 2\n")), ["elasticache: unknown key"]);
  });

  it("should name a negative number", async () => {
    assert.match(problemsOf(file("neg.yaml", "logs:\n  ingestedGbPerMonth: -1\n"))[0]!, /^logs\.ingestedGbPerMonth: /);
  });

  it("should name a value of the wrong type", async () => {
    assert.match(
      problemsOf(file("type.yaml", "api:\n  requestsPerMonth: lots\n"))[0]!,
      /^api\.requestsPerMonth: .*number/,
    );
  });

  it("should name every problem at once", async () => {
    assert.equal(problemsOf(file("many.yaml", "api:\n  requestsPerMonth: -1\nlogs:\n  storedGb: x\n")).length, 2);
  });

  it("should require a default entry in lambda.invocationsPerMonth", async () => {
    assert.match(
      problemsOf(file("fn.yaml", "lambda:\n  invocationsPerMonth: null\n"))[0]!,
      /^lambda\.invocationsPerMonth/,
    );
  });

  it("should say a file is not YAML", async () => {
    assert.match(problemsOf(file("bad.yaml", "api: [\n"))[0]!, /not valid YAML/);
  });

  it("should say a file is not a mapping", async () => {
    assert.match(problemsOf(file("list.yaml", "- 1\n"))[0]!, /must be a mapping/);
  });

  it("should say a file cannot be read", async () => {
    assert.match(problemsOf(join(dir, "missing.yaml"))[0]!, /cannot read: ENOENT/);
  });

  it("should say a stack has no defaults", async () => {
    assert.throws(() => loadUsage("staging"), /no usage defaults for stack "staging"/);
  });
});
