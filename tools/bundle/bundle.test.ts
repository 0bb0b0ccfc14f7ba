import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError, bundleEntries, discoverEntries, main, selectEntries, type BundleResult } from "./bundle";

describe("discoverEntries", () => {
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), "bundle-discover-"));
    for (const [dir, file] of [
      ["orders", "handler.ts"],
      ["orders", "migrate-handler.ts"],
      ["shared", "money.ts"],
    ]) {
      mkdirSync(join(root, "services", dir), { recursive: true });
      writeFileSync(join(root, "services", dir, file), "export const handler = async () => 1;\n");
    }
  });
  after(async () => rmSync(root, { recursive: true, force: true }));

  it("should name a folder's handler.ts after the folder", async () => {
    assert.ok(discoverEntries(root).some((e) => e.name === "orders" && e.entry === "services/orders/handler.ts"));
  });

  it("should name <x>-handler.ts <folder>-<x>", async () => {
    assert.ok(
      discoverEntries(root).some(
        (e) => e.name === "orders-migrate" && e.entry === "services/orders/migrate-handler.ts",
      ),
    );
  });

  it("should ignore folders without a handler", async () => {
    assert.ok(!discoverEntries(root).some((e) => e.name.startsWith("shared")));
  });

  it("should find the trade API among the repository's entries", async () => {
    assert.ok(discoverEntries().some((e) => e.name === "trade-api"));
  });
});

describe("selectEntries", () => {
  const all = [
    { name: "a", entry: "services/a/handler.ts" },
    { name: "b", entry: "services/b/handler.ts" },
  ];

  it("should keep every entry when no name is given", async () => {
    assert.equal(selectEntries(all, []).length, 2);
  });

  it("should throw a UsageError naming the unknown bundle and the choices", async () => {
    assert.throws(
      () => selectEntries(all, ["c"]),
      (e: unknown) => e instanceof UsageError && e.message === "unknown bundle c; expected one of a, b",
    );
  });
});

describe("bundleEntries", () => {
  let out: string;
  let result: BundleResult;
  before(async () => {
    out = mkdtempSync(join(tmpdir(), "bundle-out-"));
    [result] = await bundleEntries([{ name: "trade-api", entry: "services/trade-api/handler.ts" }], { outDir: out });
  });
  after(async () => rmSync(out, { recursive: true, force: true }));

  it("should write <outDir>/<name>/index.js", async () => {
    assert.equal(result.outFile, join(out, "trade-api", "index.js"));
  });

  it("should write a source map beside the bundle", async () => {
    assert.ok(existsSync(join(out, "trade-api", "index.js.map")));
  });

  it("should bundle the AWS SDK instead of loading the runtime's copy", async () => {
    const runtimeRequires = [...readFileSync(result.outFile, "utf8").matchAll(/require\("(@aws-sdk\/[^"]+)"\)/g)].map(
      (m) => m[1],
    );
    // The SDK's optional SigV4a signer stays a guarded require (not installed, not used).
    assert.deepEqual(
      [...new Set(runtimeRequires)].filter((m) => m !== "@aws-sdk/signature-v4-crt"),
      [],
    );
  });

  it("should export a handler function when the bundle is loaded", async () => {
    const mod = require(result.outFile) as { handler?: unknown };
    assert.equal(typeof mod.handler, "function");
  });
});

describe("build:lambdas CLI", () => {
  it("should exit 2 when an unknown bundle is asked for", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      assert.equal(await main(["--only", "no-such-thing"]), 2);
    } finally {
      console.error = original;
    }
    assert.match(errors.join("\n"), /unknown bundle no-such-thing; expected one of/);
  });

  it("should exit 2 with the usage when a flag is unknown", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      assert.equal(await main(["--minify"]), 2);
    } finally {
      console.error = original;
    }
    assert.match(errors.join("\n"), /usage: npm run build:lambdas/);
  });
});

describe("Lambda entry points", () => {
  it("should wire every handler through the shared Powertools wrapper when it is a bundle entry", async () => {
    // One way to do it (issue 10): services/shared/lambda.ts withPowertools (the trade API's
    // createTradeApiHandler uses it), so every function logs, traces and counts cold starts alike.
    const unwrapped = discoverEntries(process.cwd())
      .filter((e) => !/\b(withPowertools|createTradeApiHandler)\(/.test(readFileSync(e.entry, "utf8")))
      .map((e) => e.entry);
    assert.deepEqual(unwrapped, []);
  });
});
