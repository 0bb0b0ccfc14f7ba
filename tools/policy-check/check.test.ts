import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TS_REGISTER } from "../run-ts";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURE = path.join(ROOT, "policies", "fixtures", "stack-export.prod.json");

function check(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["-r", TS_REGISTER, path.join(__dirname, "check.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true", TS_NODE_TRANSPILE_ONLY: "true" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("policy:check", () => {
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-check-"));
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, content: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it("should exit 1 on the stack-export fixture, which holds two mandatory violations", async () => {
    assert.equal(check("--file", FIXTURE).status, 1);
  });

  it("should report exactly the fixture's deliberate violations in --json", async () => {
    const out = JSON.parse(check("--file", FIXTURE, "--json").stdout) as {
      findings: { pack: string; policy: string; urn: string }[];
    };
    assert.deepEqual(
      out.findings.map((f) => `${f.pack}/${f.policy} ${f.urn.split("::").pop()}`),
      ["encryption/sqs-queue-cmk audit-events", "region-lock/azure-allowed-locations drstore"],
    );
  });

  it("should summarize resources, mandatory and advisory counts in --json", async () => {
    const out = JSON.parse(check("--file", FIXTURE, "--json").stdout) as { summary: unknown };
    assert.deepEqual(out.summary, { resources: 22, mandatory: 2, advisory: 0, waived: 0 });
  });

  it("should group human output by pack", async () => {
    const { stdout } = check("--file", FIXTURE);
    assert.match(stdout, /tagging: no findings\n\nencryption: 1 finding\(s\)\n {2}\[mandatory\] sqs-queue-cmk/);
  });

  it("should exit 0 when the config lowers the violated policies to advisory", async () => {
    const config = write(
      "config.json",
      JSON.stringify({ "sqs-queue-cmk": "advisory", "azure-allowed-locations": { enforcementLevel: "advisory" } }),
    );
    assert.equal(check("--file", FIXTURE, "--config", config).status, 0);
  });

  it("should accept a location the config allows", async () => {
    const config = write(
      "regions.json",
      JSON.stringify({ "azure-allowed-locations": { allowedLocations: ["eastus2", "westeurope"] } }),
    );
    const out = JSON.parse(check("--file", FIXTURE, "--config", config, "--json").stdout) as {
      findings: { policy: string }[];
    };
    assert.deepEqual(
      out.findings.map((f) => f.policy),
      ["sqs-queue-cmk"],
    );
  });

  it("should exit 2 naming the policy and property of an invalid config", async () => {
    const config = write("bad-config.json", JSON.stringify({ "required-tags": { requiredTags: "Owner" } }));
    const r = check("--file", FIXTURE, "--config", config);
    assert.deepEqual(
      [r.status, /tagging\/required-tags\.requiredTags: expected array, got string/.test(r.stderr)],
      [2, true],
    );
  });

  it("should exit 2 with a message when the file is not JSON", async () => {
    const r = check("--file", write("broken.json", "{ not json"));
    assert.deepEqual([r.status, /is not valid JSON/.test(r.stderr), /\n\s+at /.test(r.stderr)], [2, true, false]);
  });

  it("should exit 2 with a message when the file has the wrong shape", async () => {
    const r = check("--file", write("shape.json", JSON.stringify({ hello: "world" })));
    assert.deepEqual([r.status, /neither an offline plan .* nor a stack export/.test(r.stderr)], [2, true]);
  });

  it("should exit 2 with a message when the file is missing", async () => {
    const r = check("--file", path.join(dir, "missing.json"));
    assert.deepEqual([r.status, /cannot read file .*missing\.json: no such file/.test(r.stderr)], [2, true]);
  });

  it("should exit 2 on an unknown flag, printing usage", async () => {
    const r = check("--file", FIXTURE, "--strict");
    assert.deepEqual(
      [r.status, /unknown flag "--strict"/.test(r.stderr), /usage: npm run policy:check/.test(r.stderr)],
      [2, true, true],
    );
  });

  it("should exit 2 when --file is missing", async () => {
    const r = check("--json");
    assert.deepEqual([r.status, /--file is required/.test(r.stderr)], [2, true]);
  });

  // The stacks hold no waiver today: a --config file gives one, merged over policies/config/<stack> like the stack's own.
  const waiverConfig = () =>
    write(
      "waiver.json",
      JSON.stringify({
        "api-authorization-required": {
          waivers: [
            {
              resource: "api-get-health",
              reason: "Unauthenticated liveness probe for the Route 53 health check.",
              approver: "compliance-team (provisional)",
              expires: "2027-11-30",
            },
          ],
        },
      }),
    );

  it("should apply waivers merged over policies/config/<stack>, reporting the finding as waived", async () => {
    const provider = {
      urn: "urn:pulumi:prod::platform::pulumi:providers:aws::aws",
      type: "pulumi:providers:aws",
      inputs: { region: "us-east-1" },
    };
    const method = {
      urn: "urn:pulumi:prod::platform::platform:services:TradeApiGateway$aws:apigateway/method:Method::api-get-health",
      type: "aws:apigateway/method:Method",
      provider: `${provider.urn}::1`,
      inputs: { httpMethod: "GET", authorization: "NONE", restApi: "a", resourceId: "r" },
    };
    const plan = { schemaVersion: 1, stack: "prod", project: "platform", resources: [provider, method], findings: [] };
    const r = check("--file", write("waived.json", JSON.stringify(plan)), "--config", waiverConfig());
    assert.deepEqual(
      [
        r.status,
        /\[advisory\] api-authorization-required/.test(r.stdout),
        /\[waived\] .*Waiver: Unauthenticated liveness probe/.test(r.stdout),
        /1 waived/.test(r.stdout),
      ],
      [0, true, true, true],
    );
  });

  it("should list the waivers, naming provisional approvals and the day they hold until", async () => {
    const method = {
      urn: "urn:pulumi:prod::platform::platform:services:TradeApiGateway$aws:apigateway/method:Method::api-get-health",
      type: "aws:apigateway/method:Method",
      inputs: { httpMethod: "GET", authorization: "NONE", restApi: "a", resourceId: "r" },
    };
    const plan = { schemaVersion: 1, stack: "prod", project: "platform", resources: [method], findings: [] };
    const { stdout } = check("--file", write("waiver-list.json", JSON.stringify(plan)), "--config", waiverConfig());
    assert.match(
      stdout,
      /\[provisional\] api-authorization-required on api-get-health: approver compliance-team \(provisional\), holds until 2027-01-31 \(entered 2027-11-30\), waives 1 finding/,
    );
  });

  it("should give the waivers in --json with provisional and holdsUntil", async () => {
    const out = JSON.parse(check("--file", FIXTURE, "--json", "--config", waiverConfig()).stdout) as {
      waivers: { resource: string; provisional: boolean; holdsUntil: string }[];
    };
    const health = out.waivers.find((w) => w.resource === "api-get-health");
    assert.deepEqual([health?.provisional, health?.holdsUntil], [true, "2027-01-31"]);
  });

  it("should ignore the stack's waivers with --no-stack-config", async () => {
    const method = {
      urn: "urn:pulumi:prod::platform::aws:apigateway/method:Method::api-get-health",
      type: "aws:apigateway/method:Method",
      inputs: { httpMethod: "GET", authorization: "NONE", restApi: "a", resourceId: "r" },
    };
    const plan = { schemaVersion: 1, stack: "prod", project: "platform", resources: [method], findings: [] };
    assert.equal(check("--file", write("unwaived.json", JSON.stringify(plan)), "--no-stack-config").status, 1);
  });

  it("should exit 2 naming the stack when --stack has no generated config", async () => {
    const r = check("--file", FIXTURE, "--stack", "staging");
    assert.deepEqual([r.status, /no generated policy config for stack staging/.test(r.stderr)], [2, true]);
  });

  it("should exit 0 on a plan without violations", async () => {
    const plan = { schemaVersion: 1, stack: "dev", project: "platform", resources: [], findings: [] };
    assert.equal(check("--file", write("plan.json", JSON.stringify(plan))).status, 0);
  });
});
