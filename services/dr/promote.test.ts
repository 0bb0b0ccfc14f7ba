import { strict as assert } from "node:assert";
import { freePort } from "../testing/embedded-postgres";
import { writeHeartbeat } from "./lag";
import { promote } from "./promote";
import { createRunner } from "./runner";
import { DR_SCHEMA } from "./sql";
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
import { verifyPromoted } from "./verify";

const MARGIN = 1000n;

describe("dr promote", () => {
  let pair: ServerPair;
  before(async () => {
    pair = await startPair();
  });
  after(async () => {
    await pair.stop();
  });

  /** A replicating pair with ledger-like rows (ids 1..3 everywhere) already on the standby. */
  async function replicatedWithRows(): Promise<DatabasePair> {
    const db = await databasePair(pair);
    await replicate(db);
    await db.primary.query("insert into accounts (code) values ('A'), ('B'), ('C')");
    await db.primary.query(
      "insert into ledger_entries (account_id, amount_minor, currency, hash) select id, 100 * id, 'USD', 'h' || id from accounts",
    );
    await db.primary.query("insert into trades (pair) values ('EUR/USD'), ('GBP/USD'), ('USD/JPY')");
    await writeHeartbeat(db.primary);
    // The heartbeat commits last, so once it is on the standby every row before it is too.
    await eventually("rows and heartbeat on the standby", async () => {
      const { rows } = await db.standby.query(`select beat::text as beat from ${DR_SCHEMA}.heartbeat where id = 1`);
      return (rows[0] as { beat?: string } | undefined)?.beat === "1" && (await count(db.standby, "trades")) === 3;
    });
    return db;
  }
  const run = (db: DatabasePair, withPrimary = false, runner = createRunner()) =>
    promote(db.standby, withPrimary ? db.primary : undefined, runner, {
      subscription: subscriptionName(db),
      sequenceMargin: MARGIN,
      timeoutMs: 15_000,
    });

  it("should let the application insert into every table without key conflicts after promotion", async () => {
    const db = await replicatedWithRows();
    try {
      await run(db);
      const app = await pair.standby.client(db.name);
      try {
        await app.query("insert into accounts (code) values ('D')");
        await app.query(
          "insert into ledger_entries (account_id, amount_minor, currency, hash) values (1, 5, 'EUR', 'h4')",
        );
        await app.query("insert into trades (pair) values ('AUD/USD')");
        assert.equal(await count(app, "ledger_entries"), 4);
      } finally {
        await app.end();
      }
    } finally {
      await db.close();
    }
  });

  it("should move every sequence to max(id) + margin when promoting", async () => {
    const db = await replicatedWithRows();
    try {
      const result = await run(db);
      assert.deepEqual(
        result.sequences.map((s) => [s.sequence, s.nextAfter]),
        [
          ["public.accounts_id_seq", "1003"],
          ["public.ledger_entries_id_seq", "1003"],
          ["public.trade_ref_seq", "1003"],
        ],
      );
    } finally {
      await db.close();
    }
  });

  it("should hand out the reset value as the next identity after promotion", async () => {
    const db = await replicatedWithRows();
    try {
      await run(db);
      const { rows } = await db.standby.query(
        "insert into ledger_entries (account_id, amount_minor, currency, hash) values (1, 5, 'EUR', 'h4') returning id",
      );
      assert.equal(rows[0].id, (3n + MARGIN).toString());
    } finally {
      await db.close();
    }
  });

  it("should pass every promoted check when promotion finishes", async () => {
    const db = await replicatedWithRows();
    try {
      const result = await run(db);
      assert.deepEqual(
        result.checks.filter((c) => !c.ok),
        [],
      );
    } finally {
      await db.close();
    }
  });

  it("should stop applying changes from the old primary after promotion", async () => {
    const db = await replicatedWithRows();
    try {
      await run(db);
      await db.primary.query("insert into accounts (code) values ('late')");
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(await count(db.standby, "accounts"), 3);
    } finally {
      await db.close();
    }
  });

  it("should change nothing when promote runs a second time", async () => {
    const db = await replicatedWithRows();
    try {
      await run(db);
      const runner = createRunner();
      await run(db, false, runner);
      assert.deepEqual(runner.steps, []);
    } finally {
      await db.close();
    }
  });

  it("should report the slot left on the old primary when promoting without it", async () => {
    const db = await replicatedWithRows();
    try {
      const result = await run(db);
      assert.equal(result.orphanSlot, subscriptionName(db));
    } finally {
      await db.close();
    }
  });

  it("should report the last replicated heartbeat as RPO evidence", async () => {
    const db = await replicatedWithRows();
    try {
      const result = await run(db);
      assert.equal(result.lastReplicatedBeat, "1");
    } finally {
      await db.close();
    }
  });

  it("should promote when the primary is unreachable", async () => {
    const db = await replicatedWithRows();
    try {
      const dead = db.primaryUrl.replace(/:\d+\//, `:${await freePort()}/`);
      await db.standby.query(`alter subscription "${subscriptionName(db)}" connection '${dead}'`);
      const result = await run(db);
      assert.deepEqual(
        result.checks.filter((c) => !c.ok),
        [],
      );
    } finally {
      await db.close();
    }
  });

  it("should carry every committed row across when the primary is given (planned switchover)", async () => {
    const db = await replicatedWithRows();
    try {
      await db.primary.query("insert into trades (pair) select 'USD/CHF' from generate_series(1, 200)");
      await run(db, true);
      assert.equal(await count(db.standby, "trades"), 203);
    } finally {
      await db.close();
    }
  });

  it("should drop the replication slot on the primary when the primary is given", async () => {
    const db = await replicatedWithRows();
    try {
      await run(db, true);
      assert.equal(
        (await db.primary.query("select 1 from pg_replication_slots where slot_name = $1", [subscriptionName(db)]))
          .rowCount,
        0,
      );
    } finally {
      await db.close();
    }
  });

  it("should leave the subscription and sequences untouched when promote is a dry run", async () => {
    const db = await replicatedWithRows();
    try {
      await run(db, false, createRunner({ dryRun: true }));
      const checks = await verifyPromoted(db.standby);
      assert.deepEqual(
        checks.filter((c) => !c.ok).map((c) => c.name),
        ["no subscriptions", "writable", "sequences ahead of data"],
      );
    } finally {
      await db.close();
    }
  });
});
