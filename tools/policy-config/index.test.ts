import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PACKS } from "../../policies/catalog";
import { resolveConfig } from "../../policies/runner/config";
import { parseStackConfig } from "../../stacks/config";
import { readStackConfig } from "../../stacks/offline/stack-file";
import {
  azureLocations,
  configFile,
  packConfigsFor,
  packConfigsForStack,
  PolicyConfigSourceError,
  renderConfigFile,
  STACKS,
} from ".";

const ROOT = path.join(__dirname, "..", "..");
const cfg = (stack: string, overrides: Record<string, unknown> = {}) =>
  parseStackConfig("platform", stack, { ...readStackConfig(stack), ...overrides });

describe("packConfigsFor", () => {
  it("should take the AWS region lists from platform:regions", async () => {
    const c = packConfigsFor(
      cfg("dev", {
        "platform:regions": { allowedAwsRegions: ["us-east-1", "us-west-2"], allowedAzureLocations: ["eastus2"] },
      }),
    );
    const lock = c["region-lock"] as Record<string, { allowedRegions?: string[] }>;
    assert.deepEqual(
      [lock["aws-allowed-regions"]?.allowedRegions, lock["aws-replication-destinations"]?.allowedRegions],
      [
        ["us-east-1", "us-west-2"],
        ["us-east-1", "us-west-2"],
      ],
    );
  });

  it("should split prod's Azure locations into the allowed one and its geo pair", async () => {
    assert.deepEqual(azureLocations(["eastus2", "centralus"]), {
      allowedLocations: ["eastus2"],
      pairedLocations: { eastus2: ["centralus"] },
    });
  });

  it("should open no geo pair the stack does not list", async () => {
    assert.deepEqual(azureLocations(["eastus2"]), { allowedLocations: ["eastus2"], pairedLocations: { eastus2: [] } });
  });

  it("should hand each waiver to its policy's config, without the policy key", async () => {
    const c = packConfigsFor(
      cfg("prod", {
        "platform:policyWaivers": [
          {
            policy: "api-authorization-required",
            resource: "api-get-health",
            reason: "A provisional exemption for this test.",
            approver: "compliance-team (provisional)",
            expires: "2027-11-30",
          },
        ],
      }),
    );
    const waivers =
      (c["baseline"] as Record<string, { waivers?: { resource: string; policy?: string }[] }>)[
        "api-authorization-required"
      ]?.waivers ?? [];
    assert.deepEqual(
      [waivers.map((w) => w.resource).includes("api-get-health"), waivers.some((w) => "policy" in w)],
      [true, false],
    );
  });

  it("should refuse a waiver for a policy no pack has, naming the key", async () => {
    const bad = cfg("dev", {
      "platform:policyWaivers": [
        {
          policy: "no-such-policy",
          resource: "x",
          reason: "because of reasons",
          approver: "me",
          expires: "2027-01-01",
        },
      ],
    });
    assert.throws(
      () => packConfigsFor(bad),
      (e: Error) =>
        e instanceof PolicyConfigSourceError &&
        /platform:policyWaivers\[0\]\.policy: no policy named no-such-policy/.test(e.message),
    );
  });

  for (const stack of STACKS) {
    it(`should produce config every pack accepts for ${stack}`, async () => {
      const configs = packConfigsForStack(stack);
      assert.equal(resolveConfig(PACKS, undefined, configs).size, PACKS.length);
    });

    it(`should match the committed ${stack} --policy-pack-config files (run npm run docs after changing Pulumi.${stack}.yaml)`, async () => {
      const configs = packConfigsForStack(stack);
      const stale = PACKS.filter((p) => {
        const file = path.join(ROOT, configFile(stack, p.name));
        return !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== renderConfigFile(configs[p.name]!);
      });
      assert.deepEqual(
        stale.map((p) => configFile(stack, p.name)),
        [],
      );
    });
  }
});
