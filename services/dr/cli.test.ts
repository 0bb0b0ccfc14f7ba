import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { freePort } from "../testing/embedded-postgres";
import { runCli } from "./cli";
import { writeHeartbeat } from "./lag";
import {
  databasePair,
  eventually,
  REPLICATION_PASSWORD,
  replicate,
  startPair,
  subscriptionName,
  type DatabasePair,
  type ServerPair,
} from "./testing/pair";
import { TS_REGISTER } from "../testing/ts-loader";

interface Captured {
  code: number;
  out: string;
  err: string;
}

async function cli(argv: string[], env: Record<string, string> = {}): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("dr cli", () => {
  describe("without servers", () => {
    it("should exit 2 when a flag is unknown", async () => {
      assert.equal((await cli(["lag", "--standby", "postgres://u:p@127.0.0.1:1/x", "--bogus"])).code, 2);
    });

    it("should name the unknown flag on stderr", async () => {
      assert.match(
        (await cli(["lag", "--standby", "postgres://u:p@127.0.0.1:1/x", "--bogus"])).err,
        /dr: unknown flag --bogus for lag/,
      );
    });

    it("should exit 2 when the connection is missing", async () => {
      assert.equal((await cli(["promote"])).code, 2);
    });

    it("should exit 1 with the redacted target when the server cannot be reached", async () => {
      const port = await freePort();
      const r = await cli(["lag", "--standby", `postgres://u:secret@127.0.0.1:${port}/fx`]);
      assert.deepEqual(
        [r.code, r.err.split("\n")[0]],
        [1, `dr lag: cannot connect to the standby (postgres://u:****@127.0.0.1:${port}/fx):`],
      );
    });

    it("should print no stack trace from the real process when the connection fails", async () => {
      const port = await freePort();
      const r = spawnSync(
        process.execPath,
        ["-r", TS_REGISTER, join(__dirname, "cli.ts"), "verify", "--standby", `postgres://u:p@127.0.0.1:${port}/fx`],
        {
          encoding: "utf8",
          env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", PRIMARY_DATABASE_URL: "" },
          timeout: 60_000,
        },
      );
      assert.deepEqual([r.status, /\n\s+at /.test(r.stderr)], [1, false]);
    });

    it("should exit 2 from the real process when the command is unknown", async () => {
      const r = spawnSync(process.execPath, ["-r", TS_REGISTER, join(__dirname, "cli.ts"), "failover"], {
        encoding: "utf8",
        timeout: 60_000,
      });
      assert.equal(r.status, 2);
    });
  });

  describe("with servers", () => {
    let pair: ServerPair;
    let db: DatabasePair;
    before(async () => {
      pair = await startPair();
      db = await databasePair(pair);
      await replicate(db);
      const beat = await writeHeartbeat(db.primary);
      await eventually(
        "heartbeat",
        async () => (await db.standby.query("select beat from dr.heartbeat")).rows[0]?.beat === beat.toString(),
      );
    });
    after(async () => {
      await db.close();
      await pair.stop();
    });
    const env = () => ({
      PRIMARY_DATABASE_URL: db.primaryUrl,
      STANDBY_DATABASE_URL: db.standbyUrl,
      DR_SUBSCRIPTION_CONNINFO: db.replicationUrl("primary"),
    });

    it("should exit 0 from lag when the standby is within the RPO", async () => {
      const r = await cli(["lag", "--subscription", subscriptionName(db)], env());
      assert.equal(r.code, 0, r.out + r.err);
    });

    it("should exit 1 from lag when the lag is above the limit", async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const r = await cli(["lag", "--subscription", subscriptionName(db), "--max-lag-seconds", "1"], env());
      assert.equal(r.code, 1, r.out + r.err);
    });

    it("should print lag as JSON with seconds and bytes when --json is given", async () => {
      const r = await cli(["lag", "--subscription", subscriptionName(db), "--json"], env());
      const parsed = JSON.parse(r.out) as { result: { seconds: unknown; bytes: unknown } };
      assert.deepEqual([typeof parsed.result.seconds, typeof parsed.result.bytes], ["number", "number"]);
    });

    it("should print the lag as one EMF line when --emf is given", async () => {
      const r = await cli(["lag", "--subscription", subscriptionName(db), "--emf"], env());
      assert.equal(typeof JSON.parse(r.out).ReplicationLagSeconds, "number");
    });

    it("should report StandbyPromoted 0 as EMF while the standby still replicates", async () => {
      const r = await cli(["verify", "--expect", "promoted", "--standby-only", "--emf"], env());
      assert.equal(JSON.parse(r.out).StandbyPromoted, 0);
    });

    it("should print the SQL of a dry run without the password", async () => {
      const r = await cli(
        ["setup-subscription", "--subscription", "other_sub", "--allow-plaintext-replication", "--dry-run"],
        env(),
      );
      assert.deepEqual(
        [
          r.code,
          r.out.includes("create subscription"),
          r.out.includes(pair.primary.password) || r.out.includes(REPLICATION_PASSWORD),
        ],
        [0, true, false],
      );
    });

    it("should refuse a plaintext replication connection unless allowed", async () => {
      const r = await cli(["setup-subscription", "--subscription", "other_sub", "--dry-run"], env());
      assert.match(r.err, /sslmode=\(unset, libpq falls back to plaintext\); add sslmode=require/);
    });

    it("should exit 1 from verify --expect promoted on a standby that still replicates", async () => {
      const r = await cli(["verify", "--expect", "promoted", "--standby-only"], env());
      assert.equal(r.code, 1);
    });
  });
});
