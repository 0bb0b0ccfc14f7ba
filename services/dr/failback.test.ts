import { strict as assert } from "node:assert";
import type { Client } from "pg";
import { prepareFailback } from "./failback";
import { writeHeartbeat } from "./lag";
import { promote } from "./promote";
import { connect, createRunner } from "./runner";
import {
  count,
  databasePair,
  eventually,
  replicate,
  startPair,
  subscriptionName,
  type DatabasePair,
  type ServerPair,
} from "./testing/pair";

/**
 * Failback in the tests' terms: `db.primary` is the old primary (Aurora), `db.standby` was
 * promoted (Azure). prepare-failback then makes the old primary subscribe to the promoted one.
 */
describe("dr prepare-failback", () => {
  let pair: ServerPair;
  before(async () => {
    pair = await startPair();
  });
  after(async () => {
    await pair.stop();
  });

  const REVERSE_PUB = "fx_dr_failback";
  const reverseSub = (db: DatabasePair) => `${subscriptionName(db)}_back`;

  /** Replicate, lose the link, write on the primary, fail over without it, write on the promoted side. */
  async function failedOver(): Promise<DatabasePair> {
    const db = await databasePair(pair);
    await replicate(db);
    await db.primary.query("insert into accounts (code) values ('A'), ('B')");
    await writeHeartbeat(db.primary);
    await eventually("rows on the standby", async () => (await count(db.standby, "accounts")) === 2);
    // The link drops, then the primary commits a row the standby never sees.
    await db.standby.query(`alter subscription "${subscriptionName(db)}" disable`);
    await db.primary.query("insert into accounts (code) values ('lost-in-rpo-window')");
    await promote(db.standby, undefined, createRunner(), {
      subscription: subscriptionName(db),
      sequenceMargin: 1000n,
      timeoutMs: 15_000,
    });
    await db.standby.query("insert into accounts (code) values ('written-on-azure')");
    return db;
  }

  /** Runs prepare-failback with roles swapped; returns fresh sessions (it ends other sessions on the old primary). */
  async function reverse(
    db: DatabasePair,
    existingRows: "refuse" | "truncate" = "truncate",
  ): Promise<{ oldPrimary: Client; done: () => Promise<void> }> {
    const newPrimary = await connect(db.standbyUrl);
    const oldPrimary = await connect(db.primaryUrl);
    try {
      await prepareFailback(newPrimary, oldPrimary, createRunner(), {
        publication: REVERSE_PUB,
        subscription: reverseSub(db),
        conninfo: db.replicationUrl("standby"),
        transport: "allow-plaintext",
        existingRows,
        schemas: ["public"],
        staleSlots: [subscriptionName(db)],
      });
    } finally {
      await newPrimary.end();
      await oldPrimary.end().catch(() => undefined);
    }
    const fresh = await connect(db.primaryUrl);
    return {
      oldPrimary: fresh,
      async done() {
        await fresh.query(`alter subscription "${reverseSub(db)}" disable`);
        await fresh.query(`alter subscription "${reverseSub(db)}" set (slot_name = none)`);
        await fresh.query(`drop subscription "${reverseSub(db)}"`);
        await fresh.end();
      },
    };
  }

  it("should re-seed the old primary with exactly the promoted side's rows", async () => {
    const db = await failedOver();
    const { oldPrimary, done } = await reverse(db);
    try {
      await eventually(
        "re-seeded rows",
        async () =>
          (await oldPrimary.query("select string_agg(code, ',' order by id) as codes from accounts")).rows[0].codes ===
          "A,B,written-on-azure",
      );
    } finally {
      await done();
      await db.close();
    }
  });

  it("should stream new writes on the promoted side back to the old primary", async () => {
    const db = await failedOver();
    const { oldPrimary, done } = await reverse(db);
    try {
      const azure = await db.session("standby");
      await azure.query("insert into trades (pair) values ('EUR/GBP')");
      await eventually("the new trade on the old primary", async () => (await count(oldPrimary, "trades")) === 1);
    } finally {
      await done();
      await db.close();
    }
  });

  it("should drop the replication slot the forward subscription left on the old primary", async () => {
    const db = await failedOver();
    const { oldPrimary, done } = await reverse(db);
    try {
      assert.equal(
        (await oldPrimary.query("select 1 from pg_replication_slots where slot_name = $1", [subscriptionName(db)]))
          .rowCount,
        0,
      );
    } finally {
      await done();
      await db.close();
    }
  });

  it("should rebuild the forward direction when a failover is rolled back before traffic moved", async () => {
    const db = await databasePair(pair);
    try {
      await replicate(db);
      await promote(db.standby, undefined, createRunner(), {
        subscription: subscriptionName(db),
        sequenceMargin: 1000n,
        timeoutMs: 15_000,
      });
      await prepareFailback(db.primary, db.standby, createRunner(), {
        publication: "fx_dr",
        subscription: subscriptionName(db),
        conninfo: db.replicationUrl("primary"),
        transport: "allow-plaintext",
        existingRows: "truncate",
        schemas: ["public"],
        staleSlots: [subscriptionName(db)],
      });
      const standby = await db.session("standby");
      const primary = await db.session("primary");
      await primary.query("insert into accounts (code) values ('after-rollback')");
      await eventually("replication from the primary again", async () => (await count(standby, "accounts")) === 1);
    } finally {
      await db.close();
    }
  });

  it("should refuse to re-seed when the reset is not confirmed", async () => {
    const db = await failedOver();
    try {
      await assert.rejects(reverse(db, "refuse"), /pass --reset-standby to confirm/);
    } finally {
      await db.close();
    }
  });
});
