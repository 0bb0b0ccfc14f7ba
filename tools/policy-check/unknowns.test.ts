/**
 * Issue 14's bypass, end to end through `policy:check` on the real prod plan: one unknown
 * public-access-block setting and one unknown bucket-policy document (as in a first preview)
 * must not let an open public access block elsewhere and a bucket without a policy pass.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TS_REGISTER } from "../run-ts";
import { UNKNOWN_SENTINELS, UNKNOWN_STRING } from "../../policies/runner/proxy";
import { stackResources } from "../plan/stack-plans";

const UNKNOWN_BOOL = Object.keys(UNKNOWN_SENTINELS).find((k) => UNKNOWN_SENTINELS[k] === "boolean")!;
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";

describe("policy:check on the prod plan with unknown values", () => {
  it("should exit 1 reporting both the open public access block and the bucket without a policy", async function () {
    this.timeout(600_000);
    const plan = structuredClone(await stackResources("prod"));
    const blocks = plan.filter((r) => r.type === PAB);
    const policies = plan.filter((r) => r.type === POLICY);
    (blocks[0]!.inputs as Record<string, unknown>)["blockPublicPolicy"] = UNKNOWN_BOOL; // unknown setting
    (policies[0]!.inputs as Record<string, unknown>)["policy"] = UNKNOWN_STRING; // unknown document (built from bucket.arn)
    (blocks[1]!.inputs as Record<string, unknown>)["restrictPublicBuckets"] = false; // open elsewhere
    const dropped = policies[1]!; // a bucket with no policy at all
    const resources = plan.filter((r) => r !== dropped);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unknowns-"));
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(
      file,
      JSON.stringify({ schemaVersion: 1, stack: "prod", project: "platform", resources, findings: [] }),
    );
    const r = spawnSync(
      process.execPath,
      ["-r", TS_REGISTER, path.join(__dirname, "check.ts"), "--file", file, "--json"],
      {
        encoding: "utf8",
        env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true", TS_NODE_TRANSPILE_ONLY: "true" },
      },
    );
    fs.rmSync(dir, { recursive: true, force: true });
    const out = JSON.parse(r.stdout) as { findings: { policy: string; enforcementLevel: string; urn: string }[] };
    const s3 = out.findings.filter(
      (f) => f.policy === "s3-bucket-public-access-block" || f.policy === "s3-bucket-secure-transport",
    );
    const bucketOf = (urn: string) => dropped.propertyDependencies["bucket"]?.[0] === urn;
    assert.deepEqual(
      [
        r.status,
        s3
          .filter((f) => f.enforcementLevel === "mandatory")
          .map((f) => [f.policy, f.urn === blocks[1]!.urn || bucketOf(f.urn)]),
        s3.filter((f) => f.enforcementLevel === "advisory").length,
      ],
      [
        1,
        [
          ["s3-bucket-public-access-block", true],
          ["s3-bucket-secure-transport", true],
        ],
        2,
      ],
    );
  });
});
