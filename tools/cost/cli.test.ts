import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CostEstimate } from "../../platform-rules/cost/estimate-types";
import { runStackOffline } from "../../stacks/offline/plan";
import { readStackConfig } from "../../stacks/offline/stack-file";
import { runCostCli } from "./cli";

const dir = mkdtempSync(join(tmpdir(), "cost-cli-"));
const path = (name: string) => join(dir, name);
let planFile: string;

describe("npm run cost", () => {
  before(async function () {
    this.timeout(600_000);
    const { resources } = await runStackOffline("dev");
    planFile = path("plan-dev.json");
    writeFileSync(
      planFile,
      JSON.stringify({ schemaVersion: 1, stack: "dev", project: "platform", resources, findings: [] }),
    );
  });

  it("should write the documented JSON fields when --json is given", async () => {
    const r = await runCostCli(["--stack", "dev", "--plan", planFile, "--json"]);
    assert.deepEqual(Object.keys(JSON.parse(r.stdout)).slice(0, 6), [
      "stack",
      "currency",
      "pricesAsOf",
      "monthly",
      "resources",
      "notPriced",
    ]);
  });

  it("should print the total, fixed and usage figures when run without --json", async () => {
    assert.match(
      (await runCostCli(["--stack", "dev", "--plan", planFile])).stdout,
      /total \$[\d,.]+ = fixed \(idle\) \$[\d,.]+ \+ usage \$[\d,.]+/,
    );
  });

  it("should compare the estimate with the stack's budget when the plan has one", async () => {
    const budget = (readStackConfig("dev")["platform:budget"] as { monthlyUsd: number }).monthlyUsd;
    const stdout = (await runCostCli(["--stack", "dev", "--plan", planFile])).stdout;
    assert.ok(
      stdout.includes(`platform:budget.monthlyUsd $${budget.toFixed(2)}`),
      stdout.split("\n").find((l) => l.startsWith("Budget")),
    );
  });

  it("should print the delta against an earlier estimate when --compare is given", async () => {
    const before = JSON.parse(
      (await runCostCli(["--stack", "dev", "--plan", planFile, "--json"])).stdout,
    ) as CostEstimate;
    const cheaper = {
      ...before,
      monthly: { ...before.monthly, total: before.monthly.total - 10 },
      resources: before.resources.slice(1),
    };
    writeFileSync(path("before.json"), JSON.stringify(cheaper));
    const r = await runCostCli(["--stack", "dev", "--plan", planFile, "--compare", path("before.json")]);
    assert.match(r.stdout, /Stack dev: \$[\d,.]+\/month, \+\$10\.00 \([+\d.]+ %\) against/);
  });

  it("should put the delta in the JSON when --json and --compare are given", async () => {
    const same = (await runCostCli(["--stack", "dev", "--plan", planFile, "--json"])).stdout;
    writeFileSync(path("same.json"), same);
    const r = await runCostCli(["--stack", "dev", "--plan", planFile, "--json", "--compare", path("same.json")]);
    assert.equal((JSON.parse(r.stdout) as CostEstimate).compare!.total, 0);
  });

  it("should write the estimate to --out", async () => {
    await runCostCli(["--stack", "dev", "--plan", planFile, "--json", "--out", path("out.json")]);
    assert.equal((JSON.parse(readFileSync(path("out.json"), "utf8")) as CostEstimate).stack, "dev");
  });

  it("should exit 2 naming the key when --usage has an unknown key", async () => {
    writeFileSync(path("typo.yaml"), "api:\n  requestPerMonth: 1\n");
    const r = await runCostCli(["--stack", "dev", "--plan", planFile, "--usage", path("typo.yaml")]);
    assert.deepEqual([r.exitCode, /api\.requestPerMonth: unknown key/.test(r.stderr)], [2, true]);
  });

  it("should exit 2 naming the key when --usage has a negative number", async () => {
    writeFileSync(path("neg.yaml"), "s3:\n  storedGb: -3\n");
    const r = await runCostCli(["--stack", "dev", "--plan", planFile, "--usage", path("neg.yaml")]);
    assert.deepEqual([r.exitCode, /s3\.storedGb: /.test(r.stderr)], [2, true]);
  });

  it("should exit 2 naming the key when --usage has a value of the wrong type", async () => {
    writeFileSync(path("type.yaml"), "applyFreeTier: yes please\n");
    const r = await runCostCli(["--stack", "dev", "--plan", planFile, "--usage", path("type.yaml")]);
    assert.deepEqual([r.exitCode, /applyFreeTier: /.test(r.stderr)], [2, true]);
  });

  it("should exit 2 when --compare is not an estimate", async () => {
    const r = await runCostCli(["--stack", "dev", "--plan", planFile, "--compare", planFile]);
    assert.match(r.stderr, /is not a cost estimate/);
  });

  it("should exit 2 when --plan is another stack's plan", async () => {
    const r = await runCostCli(["--stack", "prod", "--plan", planFile]);
    assert.match(r.stderr, /is the plan of stack dev, not prod/);
  });

  it("should exit 2 before planning when --out is a directory", async () => {
    const r = await runCostCli(["--stack", "dev", "--out", dir]);
    assert.match(r.stderr, /is a directory: name a file/);
  });

  it("should exit 2 when --stack is missing", async () => {
    assert.equal((await runCostCli([])).exitCode, 2);
  });

  it("should exit 2 on an unknown flag", async () => {
    assert.match((await runCostCli(["--stack", "dev", "--cheap"])).stderr, /Unknown option '--cheap'/);
  });
});
