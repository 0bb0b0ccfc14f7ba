/**
 * Crash safety of `npm run dev:api`: kill -9 under load, restart on the same data folder, and
 * every order the API acknowledged must still be readable and the ledger must verify. Bounded:
 * about two seconds of load on loopback, then one restart.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../testing/embedded-postgres";
import { TS_REGISTER } from "../testing/ts-loader";

const ROOT = resolve(__dirname, "../..");
const KEY = "fxtest_EYQ1VhIG7fU0LuIoEwWa1g7WozJ5OzrVE2D7wm8uYQ0";
const LOAD_MS = 2_000;
const CONCURRENCY = 8;
/** The kill waits for this many acknowledgements (a saturated machine may book none in LOAD_MS). */
const MIN_ACKS = 20;
/** …but not forever: a server that acknowledges nothing in this time fails the test. */
const MAX_WAIT_MS = 90_000;

function run(env: Record<string, string>, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ["-r", TS_REGISTER, "services/local/dev-api.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, POWERTOOLS_LOG_LEVEL: "ERROR" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function listening(child: ChildProcess, timeoutMs: number): Promise<void> {
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening within ${timeoutMs} ms: ${out}`)), timeoutMs);
    const take = (chunk: Buffer) => {
      out += chunk.toString();
      if (/listening on http/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", take);
    child.stderr?.on("data", take);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening: ${out}`));
    });
  });
}

/** The postmaster a killed dev:api may leave behind: a process this test started, stopped by its pid. */
function stopLeftoverPostgres(dataDir: string): void {
  const pidFile = join(dataDir, "pg", "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 1) {
    try {
      process.kill(pid, "SIGQUIT");
    } catch {
      // already gone
    }
  }
}

describe("dev-api crash safety", () => {
  it("should keep every acknowledged order and a valid ledger after kill -9 under load and a restart", async function () {
    // Start, load, kill and restart on real engines: minutes on a saturated machine, seconds alone.
    this.timeout(360_000);
    const dataDir = await mkdtemp(join(tmpdir(), "dev-api-crash-"));
    const children: ChildProcess[] = [];
    try {
      const port = await freePort();
      const first = run({ LOCAL_DATA_DIR: dataDir, LOCAL_API_KEY: KEY, PORT: String(port) }, ["--fresh"]);
      children.push(first);
      await listening(first, 90_000);
      const base = `http://127.0.0.1:${port}`;
      const acknowledged: string[] = [];
      let sent = 0;
      let killed = false;
      const worker = async (w: number) => {
        while (!killed) {
          sent += 1;
          try {
            const res = await fetch(`${base}/v1/orders`, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "x-api-key": KEY,
                "idempotency-key": `crash-${w}-${sent}`,
              },
              body: JSON.stringify({
                account: "ACC-1",
                pair: "EUR/USD",
                side: "BUY",
                type: "MARKET",
                quantity: "10.00",
              }),
            });
            if (res.status === 201) acknowledged.push(((await res.json()) as { orderId: string }).orderId);
          } catch {
            // the kill below cuts requests off: those were never acknowledged
          }
        }
      };
      const load = Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
      // Under load for at least LOAD_MS * 0.75 and until MIN_ACKS orders were acknowledged, so the
      // kill lands mid-load however slow the machine is; then at a random moment in the next 250 ms.
      const started = Date.now();
      while (
        Date.now() - started < MAX_WAIT_MS &&
        (Date.now() - started < LOAD_MS * 0.75 || acknowledged.length < MIN_ACKS)
      )
        await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, Math.random() * 250));
      first.kill("SIGKILL");
      killed = true;
      await load;
      assert.ok(acknowledged.length > 0, "no order was acknowledged before the kill");

      const port2 = await freePort();
      const second = run({ LOCAL_DATA_DIR: dataDir, LOCAL_API_KEY: KEY, PORT: String(port2) });
      children.push(second);
      await listening(second, 90_000);
      const base2 = `http://127.0.0.1:${port2}`;
      const missing: string[] = [];
      for (const orderId of acknowledged) {
        const res = await fetch(`${base2}/v1/orders/${orderId}`, { headers: { "x-api-key": KEY } });
        if (res.status !== 200) missing.push(`${orderId}: ${res.status}`);
      }
      assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged orders are gone`);
      const verdict = (await (await fetch(`${base2}/v1/ledger/verify`, { headers: { "x-api-key": KEY } })).json()) as {
        valid: boolean;
        entries: number;
      };
      assert.equal(verdict.valid, true);
      assert.ok(
        verdict.entries >= acknowledged.length,
        `${verdict.entries} entries for ${acknowledged.length} acknowledged orders`,
      );
      const secondExit = new Promise((r) => second.once("exit", r));
      second.kill("SIGTERM");
      assert.equal(await secondExit, 0);
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      stopLeftoverPostgres(dataDir);
      await new Promise((r) => setTimeout(r, 500));
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
