import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../testing/embedded-postgres";
import { parseArgs, parsePort } from "./dev-api";
import { TS_REGISTER } from "../testing/ts-loader";

const ROOT = resolve(__dirname, "../..");
const ENTRY = "services/local/dev-api.ts";

function run(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["-r", TS_REGISTER, ENTRY, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, POWERTOOLS_LOG_LEVEL: "WARN" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

async function waitFor(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output: ${out}`)),
      timeoutMs,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once("exit", () => reject(new Error(`exited early; output: ${out}`)));
  });
}

describe("dev-api", () => {
  it("should accept --fresh and --help and nothing else", async () => {
    assert.deepEqual(parseArgs(["--fresh"]), { fresh: true, help: false });
    assert.deepEqual(parseArgs(["--frsh"]), { error: "unknown argument: --frsh" });
  });

  it("should refuse a PORT that is not a port number", async () => {
    assert.deepEqual(parsePort("80a"), { error: 'PORT must be an integer from 0 to 65535 (got "80a")' });
    assert.equal(parsePort(undefined), 3000);
  });

  it("should exit 2 with a message for an unknown flag", async () => {
    const child = run(["--bogus"], {});
    let err = "";
    child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
    assert.equal(await exitOf(child), 2);
    assert.match(err, /unknown argument: --bogus/);
  });

  it("should exit 2 naming LOCAL_API_KEY when it is too weak for the api-keys table", async () => {
    const child = run([], { LOCAL_API_KEY: "spawn-test-key" });
    let err = "";
    child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
    assert.equal(await exitOf(child), 2);
    assert.match(err, /LOCAL_API_KEY must be <prefix>_<secret>/);
  });

  it("should serve /health and book an order over HTTP, exit 0 on SIGINT, and keep the order for the next run", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "dev-api-"));
    const env = { LOCAL_DATA_DIR: dataDir, LOCAL_API_KEY: "fxtest_Al_lI9zhGHsw-BCC38_yovex2neopLyqnI_1d7Y6odU" };
    const children: ChildProcess[] = [];
    try {
      const port = await freePort();
      const first = run(["--fresh"], { ...env, PORT: String(port) });
      children.push(first);
      const firstExit = exitOf(first);
      await waitFor(first, /listening on http:\/\/127\.0\.0\.1:\d+/, 60_000);
      const base = `http://127.0.0.1:${port}`;
      assert.equal((await fetch(`${base}/health`)).status, 200);
      const res = await fetch(`${base}/v1/orders`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-api-key": "fxtest_Al_lI9zhGHsw-BCC38_yovex2neopLyqnI_1d7Y6odU",
          "idempotency-key": "spawn-1",
        },
        body: JSON.stringify({ account: "ACC-1", pair: "EUR/USD", side: "SELL", type: "MARKET", quantity: "10.00" }),
      });
      assert.equal(res.status, 201);
      const booked = (await res.json()) as { orderId: string; notional: string };
      assert.equal(booked.notional, "10.83"); // 10 × 1.08345 = 10.8345
      first.kill("SIGINT");
      assert.equal(await firstExit, 0);

      const port2 = await freePort();
      const second = run([], { ...env, PORT: String(port2) });
      children.push(second);
      const secondExit = exitOf(second);
      await waitFor(second, /listening on/, 60_000);
      const again = await fetch(`http://127.0.0.1:${port2}/v1/orders/${booked.orderId}`, {
        headers: { "x-api-key": "fxtest_Al_lI9zhGHsw-BCC38_yovex2neopLyqnI_1d7Y6odU" },
      });
      assert.equal(again.status, 200);
      second.kill("SIGTERM");
      assert.equal(await secondExit, 0);
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("should keep a generated API key in the data folder, readable by its owner only, and never print it", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "dev-api-key-"));
    const env: Record<string, string> = { LOCAL_DATA_DIR: dataDir, PORT: String(await freePort()) };
    const child = run(["--fresh"], { ...env, LOCAL_API_KEY: "" });
    const exit = exitOf(child);
    try {
      const banner = await waitFor(child, /listening on http:\/\/127\.0\.0\.1:(\d+)[\s\S]*try:.*\n/, 60_000);
      const keyFile = join(dataDir, "api-key");
      const key = (await readFile(keyFile, "utf8")).trim();
      assert.ok(key.length >= 40, `a ${key.length}-character key`);
      assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
      assert.ok(!banner.includes(key), "the banner printed the API key");
      const res = await fetch(`http://127.0.0.1:${env.PORT}/v1/ledger/verify`, { headers: { "x-api-key": key } });
      assert.equal(res.status, 200);
      child.kill("SIGINT");
      assert.equal(await exit, 0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
