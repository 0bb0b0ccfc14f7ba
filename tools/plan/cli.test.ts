import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse, stringify } from "yaml";
import { runPlanCli } from "./cli";

const root = join(__dirname, "..", "..");

/** A project dir with Pulumi.yaml and a `bad` stack (or `stack`): dev's config with one key replaced. */
function projectWithBadStack(key: string, value: unknown, stack = "bad"): string {
  const dir = mkdtempSync(join(tmpdir(), "plan-cli-"));
  copyFileSync(join(root, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  const dev = parse(readFileSync(join(root, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
  dev.config[key] = value;
  writeFileSync(join(dir, `Pulumi.${stack}.yaml`), stringify(dev));
  return dir;
}

describe("plan CLI", () => {
  // Each stack is planned once and shared: a plan is seconds, the properties are many.
  let devText: string;
  let prodPlan: { resources: object[] } & Record<string, unknown>;
  before(async () => {
    devText = (await runPlanCli(["--stack", "dev"])).stdout;
    prodPlan = JSON.parse((await runPlanCli(["--stack", "prod", "--json"])).stdout);
  });

  // Neither stack holds a waiver (issue 11 "Done when"): a copy of dev with one shows how they are listed.
  const WAIVER = {
    policy: "api-authorization-required",
    resource: "api-get-health",
    reason: "A provisional exemption for the listing test.",
    approver: "compliance-team (provisional)",
    expires: "2027-11-30",
  };

  it("should say the stacks hold no waiver", async () => {
    assert.deepEqual([/\nWaivers \(platform:policyWaivers\): none/.test(devText), prodPlan["waivers"]], [true, []]);
  });

  it("should list a stack's waivers in the plan, marking provisional approvals", async () => {
    // Named dev: the plan needs the stack's usage defaults (platform-rules/cost/usage/dev.yaml).
    const dir = projectWithBadStack("platform:policyWaivers", [WAIVER], "dev");
    const text = (await runPlanCli(["--stack", "dev", "--root", dir])).stdout;
    assert.match(text, /\nWaivers \(platform:policyWaivers\): 1, 1 provisional .*\n {2}\[provisional\] /);
  });

  it("should put a stack's waivers in the --json plan with the day each holds until", async () => {
    const dir = projectWithBadStack("platform:policyWaivers", [WAIVER], "dev");
    const plan = JSON.parse((await runPlanCli(["--stack", "dev", "--root", dir, "--json"])).stdout) as {
      waivers: { resource: string; holdsUntil: string; provisional: boolean }[];
    };
    const health = plan.waivers.find((w) => w.resource === "api-get-health");
    assert.deepEqual([health?.provisional, health?.holdsUntil], [true, "2027-01-31"]);
  });

  it("should exit 2 with usage when --stack is missing", async () => {
    const result = await runPlanCli([]);
    assert.deepEqual([result.exitCode, /--stack is required/.test(result.stderr)], [2, true]);
  });

  it("should exit 2 when a flag is unknown", async () => {
    const result = await runPlanCli(["--stack", "dev", "--bogus"]);
    assert.deepEqual([result.exitCode, /Unknown option '--bogus'/.test(result.stderr)], [2, true]);
  });

  it("should exit 2 naming the stacks that exist when the stack file is missing", async () => {
    const result = await runPlanCli(["--stack", "nope"]);
    assert.deepEqual([result.exitCode, /stacks here: dev, prod/.test(result.stderr)], [2, true]);
  });

  it("should exit 2 naming the key when the stack config is bad", async () => {
    const result = await runPlanCli(["--stack", "bad", "--root", projectWithBadStack("aws:region", "us-east-9")]);
    assert.deepEqual([result.exitCode, /aws:region: unknown AWS region/.test(result.stderr)], [2, true]);
  });

  it("should not print a stack trace when the stack config is bad", async () => {
    const result = await runPlanCli([
      "--stack",
      "bad",
      "--root",
      projectWithBadStack("platform:kms", { deletionWindowDays: 1 }),
    ]);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it("should print the resource tree with the stack at its root", async () => {
    assert.match(devText, /^pulumi:pulumi:Stack {2}platform-dev$/m);
  });

  it("should say that cloud-computed values are unknown offline", async () => {
    assert.match(devText, /Values the cloud computes .* are unknown offline/);
  });

  it("should write the documented JSON shape when --json is given", async () => {
    assert.deepEqual(Object.keys(prodPlan).sort(), [
      "findings",
      "project",
      "resources",
      "schemaVersion",
      "stack",
      "waivers",
    ]);
  });

  it("should give every resource the documented fields when --json is given", async () => {
    const required = ["urn", "type", "name", "inputs", "protect"];
    assert.deepEqual(
      prodPlan.resources.filter((r: object) => !required.every((k) => k in r)),
      [],
    );
  });

  it("should write the plan to a file when --out is given", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "plan-out-")), "plan.json");
    await runPlanCli(["--stack", "dev", "--json", "--out", out]);
    assert.equal(JSON.parse(readFileSync(out, "utf8")).stack, "dev");
  });

  it("should exit 2 from the real command when the config is bad", async () => {
    const dir = projectWithBadStack("platform:network", { cidr: "10.0.0.0/8", natStrategy: "single" });
    const run = promisify(execFile)(
      process.execPath,
      ["-r", "./tools/register.js", "tools/plan/cli.ts", "--stack", "bad", "--root", dir],
      { cwd: root },
    );
    const failure = await run.then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    assert.deepEqual(
      [failure?.code, /platform:network.cidr: prefix \/8 out of range/.test(failure?.stderr ?? "")],
      [2, true],
    );
  });

  describe("bad files and flags", () => {
    const project = () => {
      const dir = mkdtempSync(join(tmpdir(), "plan-cli-"));
      copyFileSync(join(root, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
      return dir;
    };

    it("should say a stack file that is a directory is a directory, not bad YAML", async () => {
      const dir = project();
      mkdirSync(join(dir, "Pulumi.odd.yaml"));
      const result = await runPlanCli(["--stack", "odd", "--root", dir]);
      assert.equal(result.exitCode, 2);
      assert.match(result.stderr, /cannot read Pulumi\.odd\.yaml .*it is a directory/);
      assert.doesNotMatch(result.stderr, /not valid YAML/);
    });

    it("should never echo terminal escape sequences from a bad stack file", async () => {
      const dir = project();
      writeFileSync(join(dir, "Pulumi.odd.yaml"), "config:\n  a: [\u001b[2J\u001b]0;pwned\u0007\n");
      const result = await runPlanCli(["--stack", "odd", "--root", dir]);
      assert.equal(result.exitCode, 2);
      // eslint-disable-next-line no-control-regex -- no terminal escape may reach stderr
      assert.doesNotMatch(result.stderr, /[\u001b\u0007]/);
    });

    it("should refuse --out naming a directory before planning", async () => {
      const result = await runPlanCli(["--stack", "dev", "--out", mkdtempSync(join(tmpdir(), "plan-out-"))]);
      assert.deepEqual([result.exitCode, /--out .*is a directory/.test(result.stderr)], [2, true]);
      assert.doesNotMatch(result.stderr, /plan failed unexpectedly/);
    });

    it("should refuse a __proto__ key in the policy config instead of ignoring it", async () => {
      const file = join(mkdtempSync(join(tmpdir(), "plan-policy-")), "config.json");
      writeFileSync(file, '{"__proto__": {"enforcementLevel": "disabled"}}');
      const result = await runPlanCli(["--stack", "dev", "--policy-config", file]);
      assert.deepEqual([result.exitCode, /__proto__/.test(result.stderr)], [2, true]);
    });
  });
});
