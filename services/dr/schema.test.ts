import { strict as assert } from "node:assert";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPostgres, type RunningPostgres } from "../testing/embedded-postgres";
import { connect, createRunner } from "./runner";
import { applyMigrations, readMigrations } from "./schema";
import { MIGRATIONS } from "./testing/pair";

describe("dr apply-schema", () => {
  let server: RunningPostgres;
  let n = 0;
  before(async () => {
    server = await startPostgres({ settings: { fsync: "off" } });
  });
  after(async () => {
    await server.stop();
  });
  async function freshDb() {
    const name = `schema_${++n}`;
    await server.createDatabase(name);
    return connect(server.connectionString(name));
  }

  it("should apply every migration to an empty database", async () => {
    const db = await freshDb();
    try {
      const result = await applyMigrations(db, createRunner(), "standby", await readMigrations(MIGRATIONS));
      assert.deepEqual(result.applied, ["001_accounts_and_ledger.sql", "002_trades.sql", "003_append_only_ledger.sql"]);
    } finally {
      await db.end();
    }
  });

  it("should apply nothing when run a second time", async () => {
    const db = await freshDb();
    try {
      await applyMigrations(db, createRunner(), "standby", await readMigrations(MIGRATIONS));
      const runner = createRunner();
      await applyMigrations(db, runner, "standby", await readMigrations(MIGRATIONS));
      assert.deepEqual(runner.steps, []);
    } finally {
      await db.end();
    }
  });

  it("should refuse a migration edited after it was applied", async () => {
    const db = await freshDb();
    try {
      const migrations = await readMigrations(MIGRATIONS);
      await applyMigrations(db, createRunner(), "standby", migrations);
      const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
      await assert.rejects(
        applyMigrations(db, createRunner(), "standby", edited),
        /001_accounts_and_ledger\.sql was edited after it was applied/,
      );
    } finally {
      await db.end();
    }
  });

  it("should leave no trace of a migration that fails", async () => {
    const db = await freshDb();
    const dir = await mkdtemp(join(tmpdir(), "dr-mig-"));
    try {
      await writeFile(
        join(dir, "001_bad.sql"),
        "create table half (id int primary key);\nselect * from no_such_table;",
      );
      await assert.rejects(
        applyMigrations(db, createRunner(), "standby", await readMigrations(dir)),
        /migration 001_bad\.sql failed on the standby/,
      );
      assert.equal((await db.query("select to_regclass('public.half') as t")).rows[0].t, null);
    } finally {
      await db.end();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("should name a missing migrations directory", async () => {
    await assert.rejects(
      readMigrations("/nonexistent/dr-migrations"),
      /cannot read the migrations directory \/nonexistent\/dr-migrations:\n {2}- it does not exist/,
    );
  });
});
