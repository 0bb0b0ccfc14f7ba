import { strict as assert } from "node:assert";
import { measureLag, writeHeartbeat } from "./lag";
import {
  databasePair,
  eventually,
  replicate,
  startPair,
  subscriptionName,
  type DatabasePair,
  type ServerPair,
} from "./testing/pair";

describe("dr lag", () => {
  let pair: ServerPair;
  before(async () => {
    pair = await startPair();
  });
  after(async () => {
    await pair.stop();
  });

  /** A replicating pair whose latest heartbeat has reached the standby. */
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
  const lagOf = (db: DatabasePair, withPrimary = true, maxLagSeconds = 300) =>
    measureLag(db.standby, withPrimary ? db.primary : undefined, { subscription: subscriptionName(db), maxLagSeconds });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("should report no problems when the standby has the latest heartbeat", async () => {
    const db = await caughtUp();
    try {
      assert.deepEqual((await lagOf(db)).problems, []);
    } finally {
      await db.close();
    }
  });

  it("should report lag in seconds below the limit when the standby is caught up", async () => {
    const db = await caughtUp();
    try {
      const lag = await lagOf(db);
      assert.ok(lag.seconds !== null && lag.seconds >= 0 && lag.seconds < 5, `seconds ${lag.seconds}`);
    } finally {
      await db.close();
    }
  });

  it("should report the slot's unconfirmed WAL in bytes when the primary is reachable", async () => {
    const db = await caughtUp();
    try {
      const lag = await lagOf(db);
      assert.equal(typeof lag.bytes, "number");
    } finally {
      await db.close();
    }
  });

  it("should show growing lag in seconds when the subscriber is stopped", async () => {
    const db = await caughtUp();
    try {
      await db.standby.query(`alter subscription "${subscriptionName(db)}" disable`);
      await writeHeartbeat(db.primary);
      const first = await lagOf(db);
      await sleep(1200);
      await writeHeartbeat(db.primary);
      const second = await lagOf(db);
      assert.ok((second.seconds ?? 0) > (first.seconds ?? 0), `${first.seconds} then ${second.seconds}`);
    } finally {
      await db.close();
    }
  });

  it("should show growing lag in bytes when the subscriber is stopped", async () => {
    const db = await caughtUp();
    try {
      await db.standby.query(`alter subscription "${subscriptionName(db)}" disable`);
      await eventually(
        "the walsender to let go of the slot",
        async () =>
          (
            await db.primary.query("select 1 from pg_replication_slots where slot_name = $1 and not active", [
              subscriptionName(db),
            ])
          ).rowCount === 1,
      );
      const first = await lagOf(db);
      await db.primary.query("insert into accounts (code) select 'acct-' || g from generate_series(1, 500) g");
      const second = await lagOf(db);
      assert.ok((second.bytes ?? 0) > (first.bytes ?? 0), `${first.bytes} then ${second.bytes}`);
    } finally {
      await db.close();
    }
  });

  it("should fail the check when the lag exceeds the limit", async () => {
    const db = await caughtUp();
    try {
      await db.standby.query(`alter subscription "${subscriptionName(db)}" disable`);
      await sleep(1200);
      await writeHeartbeat(db.primary);
      const lag = await lagOf(db, true, 1);
      assert.ok(
        lag.problems.some((p) => /^lag [0-9.]+s exceeds the 1s limit$/.test(p)),
        lag.problems.join("; "),
      );
    } finally {
      await db.close();
    }
  });

  it("should name the disabled subscription when replication is stopped", async () => {
    const db = await caughtUp();
    try {
      await db.standby.query(`alter subscription "${subscriptionName(db)}" disable`);
      assert.ok((await lagOf(db)).problems.includes(`subscription ${subscriptionName(db)} is disabled`));
    } finally {
      await db.close();
    }
  });

  it("should report a stalled heartbeat writer when the primary's last beat is older than the limit", async () => {
    const db = await caughtUp();
    try {
      await sleep(1200);
      const lag = await lagOf(db, true, 1);
      assert.ok(
        lag.problems.some((p) => p.startsWith("the heartbeat writer is stalled")),
        lag.problems.join("; "),
      );
    } finally {
      await db.close();
    }
  });

  it("should measure against the standby's clock when the primary is not given", async () => {
    const db = await caughtUp();
    try {
      const lag = await lagOf(db, false);
      assert.equal(lag.clock, "standby");
    } finally {
      await db.close();
    }
  });
});
