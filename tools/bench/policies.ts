/**
 * Times the whole `policy:check` process (spawned, as CI runs it) on a synthetic stack export.
 * Target: ≤ 2 s for 10,000 resources. `npm run bench` prints the figures; no test asserts time.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TS_REGISTER } from "../run-ts";

const ROOT = path.join(__dirname, "..", "..");
const P = "urn:pulumi:bench::platform::";

/** A compliant mix of the resource types the platform uses, `count` resources in all. */
export function syntheticStackExport(count: number): unknown {
  const stack = `${P}pulumi:pulumi:Stack::platform-bench`;
  const provider = `${P}pulumi:providers:aws::aws`;
  const cmk = "arn:aws:kms:us-east-1:123456789012:key/bench";
  const tags = {
    Environment: "prod",
    CostCenter: "FX-1",
    Owner: "platform",
    Compliance: "PCI-DSS",
    DataClassification: "restricted",
  };
  const resources: Record<string, unknown>[] = [
    { urn: stack, type: "pulumi:pulumi:Stack", custom: false },
    {
      urn: provider,
      type: "pulumi:providers:aws",
      custom: true,
      id: "p",
      parent: stack,
      inputs: { region: "us-east-1", defaultTags: JSON.stringify({ tags }) },
    },
  ];
  const kinds: ((i: number) => [string, Record<string, unknown>])[] = [
    (i) => ["aws:sqs/queue:Queue", { name: `q${i}`, kmsMasterKeyId: cmk }],
    (i) => ["aws:sns/topic:Topic", { name: `t${i}`, kmsMasterKeyId: cmk }],
    () => ["aws:dynamodb/table:Table", { hashKey: "pk", serverSideEncryption: { enabled: true, kmsKeyArn: cmk } }],
    () => ["aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 400, kmsKeyId: cmk }],
    () => ["aws:kms/key:Key", { enableKeyRotation: true }],
    () => ["aws:iam/role:Role", { assumeRolePolicy: "{}" }],
  ];
  for (let i = resources.length; i < count; i++) {
    const [type, inputs] = kinds[i % kinds.length](i);
    resources.push({
      urn: `${P}${type}::r${i}`,
      type,
      custom: true,
      id: `id${i}`,
      parent: stack,
      provider: `${provider}::p`,
      inputs,
      outputs: inputs,
      dependencies: [],
      propertyDependencies: {},
    });
  }
  return {
    version: 3,
    deployment: { manifest: { time: new Date(0).toISOString(), magic: "", version: "v3.270.0" }, resources },
  };
}

export async function runPolicyCheckBench(
  opts: { resources?: number } = {},
): Promise<{ resources: number; wallMs: number; resourcesPerSecond: number }> {
  const resources = opts.resources ?? 10_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-bench-"));
  try {
    const file = path.join(dir, "stack-export.json");
    fs.writeFileSync(file, JSON.stringify(syntheticStackExport(resources)));
    const start = process.hrtime.bigint();
    const run = spawnSync(
      process.execPath,
      ["-r", TS_REGISTER, path.join(ROOT, "tools", "policy-check", "check.ts"), "--file", file, "--json"],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true", TS_NODE_TRANSPILE_ONLY: "true" },
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.status !== 0)
      throw new Error(`policy:check exited ${run.status}: ${run.stderr || run.stdout.slice(0, 2000)}`);
    return { resources, wallMs: Math.round(wallMs), resourcesPerSecond: Math.round((resources / wallMs) * 1000) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runPolicyCheckBench().then(
    (r) =>
      console.log(
        `policy:check: ${r.resources} resources in ${r.wallMs} ms (${r.resourcesPerSecond}/s; target ≤ 2000 ms)`,
      ),
    (e: Error) => {
      console.error(`policy bench failed: ${e.message}`);
      process.exitCode = 1;
    },
  );
}
