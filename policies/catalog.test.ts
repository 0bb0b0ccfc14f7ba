import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allPolicies, findPolicy, PACKS, policiesForRequirement } from "./catalog";
import { WAITING } from "./deployability/pack";
import { resolveConfig } from "./runner/config";

const files = (pack: string): string[] =>
  fs.readdirSync(path.join(__dirname, pack, "policies")).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("catalog", () => {
  it("should name every policy after its file, in kebab-case", async () => {
    for (const pack of PACKS) {
      // A deployability policy waiting for its fix (deployability/pack.ts WAITING) has its file but is not run yet.
      const waiting = pack.name === "deployability" ? WAITING.map((w) => w.definition) : [];
      assert.deepEqual(
        [...pack.policies, ...waiting].map((p) => `${p.name}.ts`).sort(),
        files(pack.name).sort(),
        pack.name,
      );
    }
  });

  it("should keep policy names unique across packs", async () => {
    const names = allPolicies().map((e) => e.definition.name);
    assert.equal(new Set(names).size, names.length);
  });

  it("should give every policy a description, a fix, a configSchema and an enforcement level", async () => {
    const incomplete = allPolicies().filter(
      ({ definition: d }) => !d.policy.description || !d.fix || !d.policy.configSchema || !d.policy.enforcementLevel,
    );
    assert.deepEqual(
      incomplete.map((e) => e.definition.name),
      [],
    );
  });

  it("should make every encryption and region-lock policy mandatory by default", async () => {
    const lax = allPolicies().filter(
      (e) => e.pack !== "tagging" && e.definition.policy.enforcementLevel !== "mandatory",
    );
    assert.deepEqual(
      lax.map((e) => e.definition.name),
      [],
    );
  });

  it("should cite PCI DSS v4.0.1 requirement ids on every policy", async () => {
    const bad = allPolicies().filter(
      ({ definition: d }) => d.pci.length === 0 || d.pci.some((r) => !/^\d{1,2}\.\d+(\.\d+)*$/.test(r)),
    );
    assert.deepEqual(
      bad.map((e) => e.definition.name),
      [],
    );
  });

  it("should publish the requirement ids as the CrossGuard compliance framework", async () => {
    const f = findPolicy("s3-bucket-encryption-cmk")!.definition.policy.framework;
    assert.deepEqual([f?.name, f?.version, f?.reference], ["PCI DSS", "4.0.1", "3.5.1, 3.6.1, 3.7.1"]);
  });

  it("should find the policies supporting a requirement or a requirement family", async () => {
    assert.deepEqual(
      [
        policiesForRequirement("4.2.1").includes("s3-bucket-secure-transport"),
        policiesForRequirement("3.7").includes("kms-key-rotation"),
      ],
      [true, true],
    );
  });

  it("should never name enforcementLevel as a config property (the analyzer rejects it)", async () => {
    const bad = allPolicies().filter((e) => "enforcementLevel" in (e.definition.policy.configSchema?.properties ?? {}));
    assert.deepEqual(bad, []);
  });
});

describe("pack directories", () => {
  for (const pack of PACKS) {
    it(`should make policies/${pack.name} a nodejs CrossGuard pack with its own package.json`, async () => {
      const dir = path.join(__dirname, pack.name);
      const yaml = fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8");
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
        version?: string;
        dependencies?: Record<string, string>;
      };
      assert.deepEqual(
        [/^runtime: nodejs$/m.test(yaml), !!pkg.version, !!pkg.dependencies?.["@pulumi/policy"]],
        [true, true, true],
      );
    });

    it(`should accept policies/${pack.name}/config.json as that pack's --policy-pack-config`, async () => {
      const config = JSON.parse(fs.readFileSync(path.join(__dirname, pack.name, "config.json"), "utf8")) as Record<
        string,
        unknown
      >;
      assert.equal(resolveConfig(PACKS, undefined, { [pack.name]: config }).get(pack.name)?.size, pack.policies.length);
    });

    it(`should keep policies/${pack.name}/index.ts to constructing the PolicyPack from ./pack`, async () => {
      const index = fs.readFileSync(path.join(__dirname, pack.name, "index.ts"), "utf8");
      const imports = [...index.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual([imports, (index.match(/new PolicyPack\(/g) ?? []).length], [["@pulumi/policy", "./pack"], 1]);
    });
  }

  it("should not let any run-time module other than a pack's index.ts load @pulumi/policy, @pulumi/pulumi or a provider SDK", async () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory() && e.name !== "node_modules" && e.name !== "controls") walk(full);
        else if (
          e.name.endsWith(".ts") &&
          !e.name.endsWith(".test.ts") &&
          e.name !== "index.ts" &&
          /^import (?!type)[^;]*from "@pulumi\/(policy|pulumi|aws|azure-native)/m.test(fs.readFileSync(full, "utf8"))
        )
          offenders.push(full);
      }
    };
    walk(__dirname);
    assert.deepEqual(offenders, []);
  });
});
