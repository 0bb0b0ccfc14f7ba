import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MissingFunctionPackageError, functionPackage } from "./function-package";

describe("functionPackage", () => {
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), "function-package-"));
    mkdirSync(join(root, "dist/azure/built"), { recursive: true });
    mkdirSync(join(root, "dist/azure/no-host"), { recursive: true });
    for (const f of ["index.js", "host.json", "package.json"]) writeFileSync(join(root, "dist/azure/built", f), "{}");
    for (const f of ["index.js", "package.json"]) writeFileSync(join(root, "dist/azure/no-host", f), "{}");
  });
  after(async () => rmSync(root, { recursive: true, force: true }));

  it("should point at dist/azure/<name> when the package exists", async () => {
    assert.equal(await functionPackage("built", { root, onMissing: "error" }).path, join(root, "dist/azure/built"));
  });

  it("should throw a MissingFunctionPackageError naming npm run build:lambdas when the package is missing", async () => {
    assert.throws(() => functionPackage("absent", { root, onMissing: "error" }), (e: unknown) => e instanceof MissingFunctionPackageError && /npm run build:lambdas/.test(e.message));
  });

  it("should name host.json when the package lacks it", async () => {
    assert.throws(() => functionPackage("no-host", { root, onMissing: "error" }), (e: unknown) => e instanceof MissingFunctionPackageError && e.path.endsWith("host.json"));
  });

  it("should be a RunError so the CLI prints no stack trace", async () => {
    assert.throws(() => functionPackage("absent", { root, onMissing: "error" }), (e: unknown) => pulumi.RunError.isInstance(e));
  });

  it("should return a placeholder archive when the package is missing and onMissing is placeholder", async () => {
    assert.equal(await functionPackage("absent", { root, onMissing: "placeholder" }).path, join(root, "dist/azure/absent"));
  });

  it("should keep the path relative when no root is given", async () => {
    assert.equal(await functionPackage("trade-api", { onMissing: "placeholder" }).path, "dist/azure/trade-api");
  });

  it("should refuse a package name that is not kebab-case", async () => {
    assert.throws(() => functionPackage("../etc", { onMissing: "placeholder" }), /must be kebab-case/);
  });
});
