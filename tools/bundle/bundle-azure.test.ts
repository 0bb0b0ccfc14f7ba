import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import Module from "node:module";
import { join } from "node:path";
import { AZURE_FUNCTIONS, bundleAzureFunctions, type AzureBundleResult } from "./bundle-azure";
import { UsageError, selectBundles } from "./bundle";

describe("bundleAzureFunctions", () => {
  let out: string;
  let result: AzureBundleResult;
  before(async () => {
    out = mkdtempSync(join(tmpdir(), "bundle-azure-"));
    [result] = await bundleAzureFunctions(
      AZURE_FUNCTIONS.filter((a) => a.name === "trade-api"),
      { outDir: out },
    );
  });
  after(async () => rmSync(out, { recursive: true, force: true }));

  it("should write the package to <outDir>/trade-api", async () => {
    assert.equal(result.dir, join(out, "trade-api"));
  });

  it("should write index.js, host.json and package.json at the package root", async () => {
    assert.deepEqual(
      ["index.js", "host.json", "package.json"].filter((f) => !existsSync(join(result.dir, f))),
      [],
    );
  });

  it("should keep host.json's routePrefix empty so paths match AWS", async () => {
    const host = JSON.parse(readFileSync(join(result.dir, "host.json"), "utf8")) as {
      extensions?: { http?: { routePrefix?: unknown } };
    };
    assert.equal(host.extensions?.http?.routePrefix, "");
  });

  it("should point package.json main at index.js", async () => {
    assert.equal(
      (JSON.parse(readFileSync(join(result.dir, "package.json"), "utf8")) as { main?: unknown }).main,
      "index.js",
    );
  });

  it("should bundle @azure/functions and pg rather than require them at run time", async () => {
    const requires = [
      ...readFileSync(join(result.dir, "index.js"), "utf8").matchAll(/require\("((?:@azure\/functions|pg)[^"]*)"\)/g),
    ].map((m) => m[1]);
    // Only the worker-injected core API (and pg's unused native binding) stay requires.
    assert.deepEqual(
      [...new Set(requires)].filter((m) => m !== "@azure/functions-core" && m !== "pg-native"),
      [],
    );
  });

  it("should register an HTTP-triggered function with the worker when main is loaded", async () => {
    // Stand-in for the core API the Functions Node worker injects.
    const registered: { name: string; bindings: Record<string, { type: string }> }[] = [];
    const core = {
      setProgrammingModel: () => undefined,
      registerFunction: (metadata: { name: string; bindings: Record<string, { type: string }> }) => {
        registered.push(metadata);
        return { dispose: () => undefined };
      },
      registerHook: () => ({ dispose: () => undefined }),
      log: () => undefined,
    };
    const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const original = loader._load;
    loader._load = (request: string, ...rest: unknown[]) =>
      request === "@azure/functions-core" ? core : original(request, ...rest);
    try {
      const main = (JSON.parse(readFileSync(join(result.dir, "package.json"), "utf8")) as { main: string }).main;
      require(join(result.dir, main));
    } finally {
      loader._load = original;
    }
    assert.ok(registered.some((f) => Object.values(f.bindings).some((b) => b.type === "httpTrigger")));
  });
});

describe("selectBundles", () => {
  const lambdas = [{ name: "trade-api", entry: "services/trade-api/handler.ts" }];

  it("should select the Azure package with every Lambda when no name is given", async () => {
    assert.deepEqual(
      selectBundles(lambdas, []).azure.map((a) => a.name),
      ["trade-api"],
    );
  });

  it("should select only the Azure package for --only azure-trade-api", async () => {
    assert.deepEqual(selectBundles(lambdas, ["azure-trade-api"]).lambdas, []);
  });

  it("should leave the Azure package out when only Lambdas are named", async () => {
    assert.deepEqual(selectBundles(lambdas, ["trade-api"]).azure, []);
  });

  it("should name the Azure choices when a bundle is unknown", async () => {
    assert.throws(
      () => selectBundles(lambdas, ["azure-nope"]),
      (e: unknown) =>
        e instanceof UsageError &&
        e.message === "unknown bundle azure-nope; expected one of trade-api, azure-trade-api",
    );
  });
});
