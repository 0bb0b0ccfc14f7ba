/**
 * The one migration runner of the services (the trade API's ledger schema, the DR tool's
 * schema files). Applied migrations are recorded with a SHA-256 of their SQL in a table the
 * caller names; a re-run applies only new ones, an edited applied one is refused (every edited
 * id named at once), each migration runs in its own transaction (a failure leaves neither its
 * objects nor its record), and concurrent runners serialize on an advisory lock.
 */
import { createHash } from "node:crypto";
import type { ClientBase } from "pg";

export interface Migration {
  /** Stable id, applied in array order, e.g. `001_ledger` or `001_ledger.sql`. */
  readonly id: string;
  readonly sql: string;
}

export interface MigrateOptions {
  /** Schema of the record table (created when missing). */
  readonly schema: string;
  /** Record table inside `schema`. Default `schema_migrations`. */
  readonly table?: string;
  /**
   * Runs one change (schema, record table, a migration's SQL). Default: `client.query(sql)`.
   * The DR tool passes its runner here so `--dry-run` prints the SQL and a real run logs it.
   */
  readonly execute?: (description: string, sql: string) => Promise<void>;
  /** Print-only run: no transactions, no records, no advisory lock. Default false. */
  readonly dryRun?: boolean;
}

export interface MigrateResult {
  readonly applied: readonly string[];
  readonly skipped: readonly string[];
}

/** Migrations whose SQL changed after they were applied; `ids` names every one. */
export class MigrationEditedError extends Error {
  readonly ids: readonly string[];
  constructor(ids: readonly string[]) {
    super(ids.map((id) => `migration ${id} ${EDITED}`).join("; "));
    this.name = "MigrationEditedError";
    this.ids = ids;
  }
}

/** A migration's SQL failed; it was rolled back and not recorded. */
export class MigrationFailedError extends Error {
  readonly id: string;
  constructor(id: string, cause: unknown) {
    super(`migration ${id} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = "MigrationFailedError";
    this.id = id;
  }
}

export const EDITED = "was edited after it was applied; add a new migration instead of editing an applied one";

const LOCK_KEY = 7_316_402_911; // arbitrary constant naming "service schema migrations"

export function checksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function applyMigrations(
  client: ClientBase,
  migrations: readonly Migration[],
  options: MigrateOptions,
): Promise<MigrateResult> {
  const table = `${quote(options.schema)}.${quote(options.table ?? "schema_migrations")}`;
  const execute = options.execute ?? (async (_d: string, sql: string) => void (await client.query(sql)));
  const dryRun = options.dryRun ?? false;
  if (!dryRun) await client.query("select pg_advisory_lock($1)", [LOCK_KEY]);
  try {
    const { rows } = await client.query<{ present: boolean }>("select to_regclass($1) is not null as present", [table]);
    const present = rows[0].present;
    if (!present) {
      await execute("create the migration schema", `create schema if not exists ${quote(options.schema)}`);
      await execute(
        "create the migration record",
        `create table if not exists ${table} (id text primary key, checksum char(64) not null, applied_at timestamptz not null default now())`,
      );
    }
    const done = new Map(
      present
        ? (await client.query<{ id: string; checksum: string }>(`select id, checksum from ${table}`)).rows.map((r) => [
            r.id,
            r.checksum,
          ])
        : [],
    );
    const edited = migrations.filter((m) => done.has(m.id) && done.get(m.id) !== checksum(m.sql)).map((m) => m.id);
    if (edited.length > 0) throw new MigrationEditedError(edited);
    const applied: string[] = [];
    const skipped: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) {
        skipped.push(m.id);
        continue;
      }
      if (dryRun) {
        await execute(`apply migration ${m.id}`, m.sql.trim().replace(/;\s*$/, ""));
      } else {
        await client.query("begin");
        try {
          await execute(`apply migration ${m.id}`, m.sql);
          await client.query(`insert into ${table} (id, checksum) values ($1, $2)`, [m.id, checksum(m.sql)]);
          await client.query("commit");
        } catch (error) {
          await client.query("rollback");
          throw new MigrationFailedError(m.id, error);
        }
      }
      applied.push(m.id);
    }
    return { applied, skipped };
  } finally {
    if (!dryRun) await client.query("select pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
  }
}
