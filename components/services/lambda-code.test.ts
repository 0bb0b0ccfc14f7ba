import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../testing/harness";
import { MissingBundleError, lambdaCode, runningOffline } from "./lambda-code";

describe("lambdaCode", () => {
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), "lambda-code-"));
    mkdirSync(join(root, "dist/lambdas/built"), { recursive: true });
    writeFileSync(join(root, "dist/lambdas/built/index.js"), "exports.handler = async () => ({});");
  });
  after(async () => rmSync(root, { recursive: true, force: true }));

  it("should point at dist/lambdas/<name> when the bundle exists", async () => {
    assert.equal(await lambdaCode("built", { root, onMissing: "error" }).path, join(root, "dist/lambdas/built"));
  });

  it("should throw a MissingBundleError naming npm run build:lambdas when the bundle is missing", async () => {
    assert.throws(
      () => lambdaCode("absent", { root, onMissing: "error" }),
      (e: unknown) => e instanceof MissingBundleError && /npm run build:lambdas/.test(e.message),
    );
  });

  it("should be a RunError when the bundle is missing so the CLI prints no stack trace", async () => {
    assert.throws(
      () => lambdaCode("absent", { root, onMissing: "error" }),
      (e: unknown) => pulumi.RunError.isInstance(e),
    );
  });

  it("should return a placeholder archive when the bundle is missing and onMissing is placeholder", async () => {
    assert.equal(
      await lambdaCode("absent", { root, onMissing: "placeholder" }).path,
      join(root, "dist/lambdas/absent"),
    );
  });

  it("should keep the path relative when no root is given", async () => {
    assert.equal(await lambdaCode("trade-api", { onMissing: "placeholder" }).path, "dist/lambdas/trade-api");
  });

  it("should refuse a bundle name that is not kebab-case", async () => {
    assert.throws(() => lambdaCode("../etc", { onMissing: "placeholder" }), /must be kebab-case/);
  });

  it("should detect the offline engine when running under it", async () => {
    let offline = false;
    await runProgram(() => {
      offline = runningOffline();
    });
    assert.equal(offline, true);
  });
});
