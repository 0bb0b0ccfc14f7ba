import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "pg";
import { DrError } from "./errors";
import { readHeartbeatJob } from "./heartbeat-job";
import { promote } from "./promote";
import { rotateReplicationPassword } from "./replication-login";
import { pendingRestart } from "./restart";
import { connect, createRunner } from "./runner";
import { setupSubscription } from "./subscription";
import {
  databasePair,
  eventually,
  PUBLICATION,
  REPLICATION_PASSWORD,
  replicate,
  startPair,
  subscriptionName,
  type DatabasePair,
  type ServerPair,
} from "./testing/pair";
import { verifyReplicating } from "./verify";

const beatOf = async (c: Client) =>
  (await c.query("select beat::int as b from dr.heartbeat")).rows[0]?.b as number | undefined;

describe("DR database objects", () => {
  let pair: ServerPair;
  before(async () => {
    pair = await startPair();
  });
  after(async () => {
    await pair.stop();
  });

  const subscribe = (db: DatabasePair, conninfo: string) =>
    setupSubscription(db.standby, db.primary, createRunner(), {
      publication: PUBLICATION,
      subscription: subscriptionName(db),
      conninfo,
      transport: "allow-plaintext",
    });

  describe("the heartbeat job's SQL (migrations/cron, run as pg_cron would)", () => {
    it("should write a beat on the primary", async () => {
      const db = await databasePair(pair);
      try {
        await replicate(db);
        const job = await readHeartbeatJob();
        const before = await beatOf(db.primary);
        const plain = await pair.primary.client(db.name);
        await plain.query(job.command);
        await plain.end();
        assert.equal(await beatOf(db.primary), (before ?? 0) + 1);
      } finally {
        await db.close();
      }
    });

    it("should skip the beat, without an error, on the fenced standby that subscribes", async () => {
      const db = await databasePair(pair);
      try {
        await replicate(db);
        await eventually("the seeded beat on the standby", async () => (await beatOf(db.standby)) !== undefined);
        const job = await readHeartbeatJob();
        const plain = await pair.standby.client(db.name);
        const { rows } = await plain.query(job.command);
        await plain.end();
        assert.deepEqual(rows, [{ write_heartbeat: null }]);
      } finally {
        await db.close();
      }
    });

    it("should start writing on the standby once it is promoted", async () => {
      const db = await databasePair(pair);
      try {
        await replicate(db);
        await eventually("the seeded beat on the standby", async () => (await beatOf(db.standby)) !== undefined);
        await promote(db.standby, undefined, createRunner(), {
          subscription: subscriptionName(db),
          sequenceMargin: 1000n,
          timeoutMs: 15_000,
        });
        const plain = await pair.standby.client(db.name);
        const { rows } = await plain.query((await readHeartbeatJob()).command);
        await plain.end();
        assert.equal(typeof rows[0]?.write_heartbeat, "string");
      } finally {
        await db.close();
      }
    });
  });

  describe("the subscription", () => {
    it("should refuse to store the operator's (master) login", async () => {
      const db = await databasePair(pair);
      try {
        await assert.rejects(subscribe(db, db.primaryUrl), (e: DrError) =>
          e.problems.some((p) => /^postgres is the login this tool runs as \(the master\/admin user\)/.test(p)),
        );
      } finally {
        await db.close();
      }
    });

    it("should refuse a login with more power than replicating and reading", async () => {
      const db = await databasePair(pair);
      try {
        await db.primary.query(
          "do $$ begin if not exists (select from pg_roles where rolname = 'too_strong') then create role too_strong login superuser; end if; end $$",
        );
        const url = new URL(db.primaryUrl);
        url.username = "too_strong";
        await assert.rejects(subscribe(db, url.toString()), (e: DrError) =>
          e.problems.some((p) => p.startsWith("too_strong has superuser")),
        );
      } finally {
        await db.close();
      }
    });

    it("should log in as the replication login dr_repl", async () => {
      const db = await databasePair(pair);
      try {
        await replicate(db);
        await eventually(
          "the walsender",
          async () =>
            (
              await db.primary.query("select usename from pg_stat_replication where application_name = $1", [
                subscriptionName(db),
              ])
            ).rows[0]?.usename === "dr_repl",
        );
      } finally {
        await db.close();
      }
    });

    it("should make the publisher's slot a failover slot (PostgreSQL 17)", async () => {
      const db = await databasePair(pair);
      try {
        await replicate(db);
        const { rows } = await db.primary.query("select failover from pg_replication_slots where slot_name = $1", [
          subscriptionName(db),
        ]);
        assert.deepEqual(rows, [{ failover: true }]);
      } finally {
        await db.close();
      }
    });

    it("should turn an existing subscription's slot into a failover slot on a re-run", async () => {
      const db = await databasePair(pair);
      try {
        await replicate(db);
        const sub = `"${subscriptionName(db)}"`;
        for (const sql of [
          `alter subscription ${sub} disable`,
          `alter subscription ${sub} set (failover = false)`,
          `alter subscription ${sub} enable`,
        ])
          await db.standby.query(sql);
        await subscribe(db, db.replicationUrl("primary"));
        assert.deepEqual(
          (await db.standby.query("select subfailover from pg_subscription where subname = $1", [subscriptionName(db)]))
            .rows,
          [{ subfailover: true }],
        );
      } finally {
        await db.close();
      }
    });
  });

  describe("rotateReplicationPassword", () => {
    it("should set the new password on the primary and ALTER SUBSCRIPTION ... CONNECTION on the standby, keeping replication", async () => {
      const db = await databasePair(pair);
      const fresh = "dr-repl-rotated-password-0456";
      try {
        await replicate(db);
        const url = new URL(db.replicationUrl("primary"));
        url.password = "";
        // The apply worker retries a failed connection every wal_retrieve_retry_interval (5 s); on a
        // saturated CI machine that takes longer than the operator's 15 s, so the test waits up to 60 s.
        await rotateReplicationPassword(db.primary, db.standby, createRunner(), {
          subscription: subscriptionName(db),
          conninfo: url.toString(),
          password: fresh,
          timeoutMs: 60_000,
        });
        await db.primary.query("insert into trades (pair) values ('GBP/USD')");
        await eventually(
          "the row after rotation",
          async () => (await db.standby.query("select count(*)::int as n from trades")).rows[0].n === 1,
        );
        url.password = REPLICATION_PASSWORD;
        await assert.rejects(connect(url.toString()), /password authentication failed/);
      } finally {
        // Other tests of this file log in with the original password.
        await db.primary.query(`alter role dr_repl password '${REPLICATION_PASSWORD}'`);
        await db.close();
      }
    });

    it("should print the ALTER SUBSCRIPTION of a dry run without the password", async () => {
      const db = await databasePair(pair);
      try {
        await replicate(db);
        const runner = createRunner({ dryRun: true });
        await rotateReplicationPassword(db.primary, db.standby, runner, {
          subscription: subscriptionName(db),
          conninfo: db.replicationUrl("primary"),
          password: "dr-repl-dry-run-password-789",
          timeoutMs: 1000,
        });
        const sql = runner.steps.map((s) => s.sql).join("\n");
        assert.deepEqual(
          [/alter subscription .* connection '.*dr_repl:\*\*\*\*@/.test(sql), sql.includes("dry-run-password")],
          [true, false],
        );
      } finally {
        await db.close();
      }
    });
  });

  describe("static parameters pending a restart", () => {
    after(async () => {
      const c = await pair.standby.client();
      await c.query("alter system reset max_connections");
      await c.query("select pg_reload_conf()");
      await c.end();
    });

    it("should refuse setup-subscription and fail verify while the standby waits for a restart", async () => {
      const db = await databasePair(pair);
      try {
        await replicate(db);
        await db.standby.query("alter system set max_connections = 150");
        await db.standby.query("select pg_reload_conf()");
        await eventually("pending_restart", async () => (await pendingRestart(db.standby)).length > 0);
        await assert.rejects(subscribe(db, db.replicationUrl("primary")), (e: DrError) =>
          e.problems.some((p) =>
            p.startsWith(
              "the standby has static parameters waiting for a restart (max_connections, running 100): restart it",
            ),
          ),
        );
        const { checks } = await verifyReplicating(db.standby, db.primary, {
          publication: PUBLICATION,
          subscription: subscriptionName(db),
          maxLagSeconds: 300,
        });
        assert.equal(checks.find((c) => c.name === "no restart pending on the standby")?.ok, false);
      } finally {
        await db.close();
      }
    });
  });

  it("should schedule the heartbeat every 10 s in the fx database", async () => {
    const job = await readHeartbeatJob();
    assert.deepEqual([job.name, job.intervalSeconds, job.database], ["dr-heartbeat", 10, "fx"]);
    assert.match(
      readFileSync(join(__dirname, "migrations", "cron", "001_dr_heartbeat_job.sql"), "utf8"),
      /create extension if not exists pg_cron;/,
    );
  });
});
