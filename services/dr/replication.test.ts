import { strict as assert } from "node:assert";
import { DrError } from "./errors";
import { setupPublication } from "./publication";
import { createRunner } from "./runner";
import { setupSubscription } from "./subscription";
import {
  count,
  databasePair,
  eventually,
  PUBLICATION,
  replicate,
  startPair,
  subscriptionName,
  type ServerPair,
} from "./testing/pair";
import { verifyReplicating } from "./verify";

describe("dr replication setup", () => {
  let pair: ServerPair;
  before(async () => {
    pair = await startPair();
  });
  after(async () => {
    await pair.stop();
  });

  const subscribe = (
    db: Awaited<ReturnType<typeof databasePair>>,
    runner = createRunner(),
    extra: { existingRows?: "refuse" | "truncate" } = {},
  ) =>
    setupSubscription(db.standby, db.primary, runner, {
      publication: PUBLICATION,
      subscription: subscriptionName(db),
      conninfo: db.replicationUrl("primary"),
      transport: "allow-plaintext",
      ...extra,
    });

  it("should copy existing rows and stream new ones to the standby when set up", async () => {
    const db = await databasePair(pair);
    try {
      await db.primary.query("insert into accounts (code) values ('A'), ('B')");
      await replicate(db);
      await db.primary.query("insert into trades (pair) values ('EUR/USD')");
      await eventually(
        "rows on the standby",
        async () => (await count(db.standby, "accounts")) === 2 && (await count(db.standby, "trades")) === 1,
      );
      assert.deepEqual((await db.standby.query("select pair from trades")).rows, [{ pair: "EUR/USD" }]);
    } finally {
      await db.close();
    }
  });

  it("should change nothing when setup-publication and setup-subscription run a second time", async () => {
    const db = await databasePair(pair);
    try {
      await replicate(db);
      const runner = createRunner();
      await setupPublication(db.primary, runner, { publication: PUBLICATION, schemas: ["public"] });
      await subscribe(db, runner);
      assert.deepEqual(runner.steps, []);
    } finally {
      await db.close();
    }
  });

  it("should replicate a table added by a later migration when setup is re-run", async () => {
    const db = await databasePair(pair);
    try {
      await replicate(db);
      for (const c of [db.primary, db.standby])
        await c.query("create table public.quotes (id bigint primary key, pair text)");
      await db.primary.query("insert into quotes values (1, 'GBP/USD')");
      await setupPublication(db.primary, createRunner(), { publication: PUBLICATION, schemas: ["public"] });
      await subscribe(db);
      await eventually("the new table's row on the standby", async () => (await count(db.standby, "quotes")) === 1);
    } finally {
      await db.close();
    }
  });

  it("should refuse to subscribe when the standby lacks a published column", async () => {
    const db = await databasePair(pair);
    try {
      await db.primary.query("alter table trades add column side text");
      await setupPublication(db.primary, createRunner(), { publication: PUBLICATION, schemas: ["public"] });
      await assert.rejects(subscribe(db), (e: DrError) =>
        e.problems.includes("column public.trades.side is missing on the standby"),
      );
    } finally {
      await db.close();
    }
  });

  it("should refuse to subscribe when standby tables already hold rows", async () => {
    const db = await databasePair(pair);
    try {
      await db.standby.query("insert into accounts (code) values ('stale')");
      await setupPublication(db.primary, createRunner(), { publication: PUBLICATION, schemas: ["public"] });
      await assert.rejects(subscribe(db), /standby tables already hold rows \(public\.accounts\)/);
    } finally {
      await db.close();
    }
  });

  it("should replace the standby's rows with the primary's when existing rows are truncated", async () => {
    const db = await databasePair(pair);
    try {
      await db.standby.query("insert into accounts (code) values ('stale')");
      await db.primary.query("insert into accounts (code) values ('live')");
      await setupPublication(db.primary, createRunner(), { publication: PUBLICATION, schemas: ["public"] });
      await subscribe(db, createRunner(), { existingRows: "truncate" });
      await eventually(
        "the primary's row on the standby",
        async () => (await db.standby.query("select code from accounts")).rows.map((r) => r.code).join() === "live",
      );
    } finally {
      await db.close();
    }
  });

  it("should empty an append-only table whose trigger refuses TRUNCATE when existing rows are truncated", async () => {
    const db = await databasePair(pair);
    try {
      await db.standby.query("insert into accounts (code) values ('stale')");
      await db.standby.query(
        "insert into ledger_entries (account_id, amount_minor, currency, hash) values (1, 1, 'USD', 'stale')",
      );
      await setupPublication(db.primary, createRunner(), { publication: PUBLICATION, schemas: ["public"] });
      await subscribe(db, createRunner(), { existingRows: "truncate" });
      assert.equal(await count(db.standby, "ledger_entries"), 0);
    } finally {
      await db.close();
    }
  });

  it("should name a leftover replication slot on the primary that would block the subscription", async () => {
    const db = await databasePair(pair);
    try {
      await setupPublication(db.primary, createRunner(), { publication: PUBLICATION, schemas: ["public"] });
      await db.primary.query("select pg_create_logical_replication_slot($1, 'pgoutput')", [subscriptionName(db)]);
      await assert.rejects(
        subscribe(db),
        /replication slot \S+ already exists on the primary \(left by an earlier subscription\); drop it with prepare-failback --stale-slot/,
      );
    } finally {
      await db.primary.query("select pg_drop_replication_slot($1)", [subscriptionName(db)]).catch(() => undefined);
      await db.close();
    }
  });

  it("should refuse to publish a table without a primary key or replica identity", async () => {
    const db = await databasePair(pair);
    try {
      await db.primary.query("create table public.notes (body text)");
      await assert.rejects(
        setupPublication(db.primary, createRunner(), { publication: PUBLICATION, schemas: ["public"] }),
        /table public\.notes has no primary key or replica identity/,
      );
    } finally {
      await db.close();
    }
  });

  it("should refuse application writes on the standby while it replicates", async () => {
    const db = await databasePair(pair);
    try {
      await replicate(db);
      const app = await pair.standby.client(db.name);
      try {
        await assert.rejects(app.query("insert into accounts (code) values ('x')"), /read-only transaction/);
      } finally {
        await app.end();
      }
    } finally {
      await db.close();
    }
  });

  it("should create no publication when setup-publication is a dry run", async () => {
    const db = await databasePair(pair);
    try {
      const runner = createRunner({ dryRun: true });
      await setupPublication(db.primary, runner, { publication: PUBLICATION, schemas: ["public"] });
      assert.equal((await db.primary.query("select 1 from pg_publication")).rowCount, 0);
    } finally {
      await db.close();
    }
  });

  it("should create no subscription when setup-subscription is a dry run", async () => {
    const db = await databasePair(pair);
    try {
      await setupPublication(db.primary, createRunner(), { publication: PUBLICATION, schemas: ["public"] });
      await subscribe(db, createRunner({ dryRun: true }));
      assert.equal((await db.standby.query("select 1 from pg_subscription")).rowCount, 0);
    } finally {
      await db.close();
    }
  });

  it("should print the create subscription statement when setup-subscription is a dry run", async () => {
    const db = await databasePair(pair);
    try {
      await setupPublication(db.primary, createRunner(), { publication: PUBLICATION, schemas: ["public"] });
      const runner = createRunner({ dryRun: true });
      await subscribe(db, runner);
      assert.ok(runner.steps.some((s) => s.sql.startsWith(`create subscription "${subscriptionName(db)}"`)));
    } finally {
      await db.close();
    }
  });

  it("should never print the replication password in a dry run", async () => {
    const db = await databasePair(pair);
    try {
      const runner = createRunner({ dryRun: true });
      await setupPublication(db.primary, createRunner(), { publication: PUBLICATION, schemas: ["public"] });
      await subscribe(db, runner);
      assert.ok(runner.steps.every((s) => !s.sql.includes(pair.primary.password)));
    } finally {
      await db.close();
    }
  });

  it("should pass every replicating check when the standby is healthy", async () => {
    const db = await databasePair(pair);
    try {
      await replicate(db);
      await eventually(
        "initial copy",
        async () =>
          (await db.standby.query("select 1 from pg_subscription_rel where srsubstate not in ('r', 's')")).rowCount ===
          0,
      );
      await db.primary.query("update dr.heartbeat set beat = beat + 1, written_at = clock_timestamp()");
      await eventually(
        "heartbeat",
        async () => (await db.standby.query("select beat from dr.heartbeat")).rows[0]?.beat === "1",
      );
      const { checks } = await verifyReplicating(db.standby, db.primary, {
        publication: PUBLICATION,
        subscription: subscriptionName(db),
        maxLagSeconds: 300,
      });
      assert.deepEqual(
        checks.filter((c) => !c.ok),
        [],
      );
    } finally {
      await db.close();
    }
  });
});
