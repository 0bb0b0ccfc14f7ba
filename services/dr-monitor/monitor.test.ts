import { strict as assert } from "node:assert";
import { Client } from "pg";
import { writeHeartbeat } from "../dr/lag";
import { promote } from "../dr/promote";
import { createRunner } from "../dr/runner";
import {
  databasePair,
  eventually,
  replicate,
  startPair,
  subscriptionName,
  type DatabasePair,
  type ServerPair,
} from "../dr/testing/pair";
import { DR_MONITOR_DB_USER } from "../../platform-rules/database";
import { measureOnce, type Connectors } from "./monitor";

describe("measureOnce", () => {
  let pair: ServerPair;
  before(async () => {
    pair = await startPair();
  });
  after(async () => {
    await pair.stop();
  });

  const open = (url: string) => async () => {
    const c = new Client({ connectionString: url, options: "-c default_transaction_read_only=on" });
    await c.connect();
    return c;
  };
  const refuse = async (): Promise<never> => {
    throw new Error("connect ECONNREFUSED 127.0.0.1:1");
  };
  const connectors = (db: DatabasePair, primaryUp = true): Connectors => ({
    standby: open(db.standbyUrl),
    primary: primaryUp ? open(db.primaryUrl) : refuse,
  });
  const at = new Date("2025-01-02T03:04:05Z");
  const emf = (line: string) => JSON.parse(line) as Record<string, unknown>;

  async function caughtUp(): Promise<DatabasePair> {
    const db = await databasePair(pair);
    await replicate(db);
    const beat = await writeHeartbeat(db.primary);
    await eventually(
      "heartbeat on the standby",
      async () => (await db.standby.query("select beat from dr.heartbeat")).rows[0]?.beat === beat.toString(),
    );
    return db;
  }
  const run = (db: DatabasePair, primaryUp = true) =>
    measureOnce(connectors(db, primaryUp), { subscription: subscriptionName(db), maxLagSeconds: 300 }, () => at);

  it("should emit the lag in seconds when the standby replicates", async () => {
    const db = await caughtUp();
    try {
      const seconds = emf((await run(db)).emf).ReplicationLagSeconds;
      assert.ok(typeof seconds === "number" && seconds >= 0 && seconds < 5, `seconds ${seconds}`);
    } finally {
      await db.close();
    }
  });

  it("should emit StandbyPromoted 0 when the standby replicates", async () => {
    const db = await caughtUp();
    try {
      assert.equal(emf((await run(db)).emf).StandbyPromoted, 0);
    } finally {
      await db.close();
    }
  });

  it("should measure against the standby's clock when the primary is unreachable", async () => {
    const db = await caughtUp();
    try {
      const result = await run(db, false);
      assert.deepEqual([result.clock, typeof result.lagSeconds], ["standby", "number"]);
    } finally {
      await db.close();
    }
  });

  it("should emit StandbyPromoted 1 and no lag when the standby is promoted", async () => {
    const db = await caughtUp();
    try {
      await promote(db.standby, db.primary, createRunner(), {
        subscription: subscriptionName(db),
        sequenceMargin: 1000n,
        timeoutMs: 15_000,
      });
      const line = emf((await run(db)).emf);
      assert.deepEqual([line.StandbyPromoted, "ReplicationLagSeconds" in line], [1, false]);
    } finally {
      await db.close();
    }
  });

  it("should emit no metric and name the standby when it is unreachable", async () => {
    const result = await measureOnce(
      { standby: refuse, primary: refuse },
      { subscription: "fx_dr_sub", maxLagSeconds: 300 },
      () => at,
    );
    const metrics = (emf(result.emf)._aws as { CloudWatchMetrics: Array<{ Metrics: unknown[] }> }).CloudWatchMetrics[0]
      .Metrics;
    assert.deepEqual([metrics, result.problems], [[], ["standby unreachable: connect ECONNREFUSED 127.0.0.1:1"]]);
  });

  it("should report the lag problem when the subscription is disabled", async () => {
    const db = await caughtUp();
    try {
      await db.standby.query(`alter subscription "${subscriptionName(db)}" disable`);
      const result = await run(db);
      assert.ok(
        result.problems.includes(`subscription ${subscriptionName(db)} is disabled`),
        result.problems.join("\n"),
      );
    } finally {
      await db.close();
    }
  });

  it("should measure lag and promotion as a role with only pg_monitor and read access", async () => {
    const db = await caughtUp();
    const role = `mon_${db.name}`;
    const grant = `create role ${role} login password 'monitor-pw'; grant pg_monitor to ${role};
      grant usage on schema dr, public to ${role}; grant select on all tables in schema dr, public to ${role};
      grant select on all sequences in schema public to ${role}`;
    try {
      await Promise.all([db.primary.query(grant), db.standby.query(grant)]);
      const as = (url: string) => open(url.replace(/\/\/[^@]*@/, `//${role}:monitor-pw@`));
      const replicating = await measureOnce(
        { standby: as(db.standbyUrl), primary: as(db.primaryUrl) },
        { subscription: subscriptionName(db), maxLagSeconds: 300 },
        () => at,
      );
      await promote(db.standby, db.primary, createRunner(), {
        subscription: subscriptionName(db),
        sequenceMargin: 1000n,
        timeoutMs: 15_000,
      });
      const promoted = await measureOnce(
        { standby: as(db.standbyUrl), primary: as(db.primaryUrl) },
        { subscription: subscriptionName(db), maxLagSeconds: 300 },
        () => at,
      );
      assert.deepEqual(
        [replicating.problems, typeof replicating.lagSeconds, promoted.promoted, promoted.problems],
        [[], "number", true, []],
      );
    } finally {
      await db.close();
    }
  });

  it("should measure the lag on the primary as the dr_monitor login that migration 003 creates", async () => {
    const db = await caughtUp();
    try {
      // On Aurora dr_monitor logs in with IAM tokens (rds_iam); here a password stands in for the token.
      await db.primary.query(`alter role ${DR_MONITOR_DB_USER} password 'monitor-token'`);
      const asMonitor = open(db.primaryUrl.replace(/\/\/[^@]*@/, `//${DR_MONITOR_DB_USER}:monitor-token@`));
      const result = await measureOnce(
        { standby: open(db.standbyUrl), primary: asMonitor },
        { subscription: subscriptionName(db), maxLagSeconds: 300 },
        () => at,
      );
      assert.deepEqual([result.problems, result.clock, typeof result.lagSeconds], [[], "primary", "number"]);
    } finally {
      await db.close();
    }
  });

  it("should stamp the EMF line with the measurement time", async () => {
    const result = await measureOnce(
      { standby: refuse, primary: refuse },
      { subscription: "fx_dr_sub", maxLagSeconds: 300 },
      () => at,
    );
    assert.equal((emf(result.emf)._aws as { Timestamp: number }).Timestamp, at.getTime());
  });
});
