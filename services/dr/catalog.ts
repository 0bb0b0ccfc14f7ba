/** Read-only catalog queries shared by the DR steps. All names come back unquoted. */
import type { ClientBase } from "pg";
import { DR_SCHEMA, qualified } from "./sql";

export interface TableRef {
  readonly schema: string;
  readonly name: string;
}

export interface TableInfo extends TableRef {
  /** pg_class.relreplident: d = primary key, i = index, f = full row, n = nothing. */
  readonly replicaIdentity: "d" | "i" | "f" | "n";
  readonly hasPrimaryKey: boolean;
}

export const tableKey = (t: TableRef): string => `${t.schema}.${t.name}`;

/** Ordinary and partitioned (not partition child) tables in the given schemas. */
export async function tablesInSchemas(db: ClientBase, schemas: readonly string[]): Promise<TableInfo[]> {
  const { rows } = await db.query(
    `select n.nspname as schema, c.relname as name, c.relreplident as "replicaIdentity",
            exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p') as "hasPrimaryKey"
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any($1::text[])
      order by 1, 2`,
    [schemas],
  );
  return rows as TableInfo[];
}

export async function publicationExists(db: ClientBase, publication: string): Promise<boolean> {
  const { rowCount } = await db.query("select 1 from pg_publication where pubname = $1", [publication]);
  return rowCount === 1;
}

/** Tables a publication currently carries, with the columns it publishes. */
export async function publicationTables(
  db: ClientBase,
  publication: string,
): Promise<Array<TableRef & { columns: string[] }>> {
  const { rows } = await db.query(
    `select schemaname as schema, tablename as name, attnames::text[] as columns
       from pg_publication_tables where pubname = $1 order by 1, 2`,
    [publication],
  );
  return rows as Array<TableRef & { columns: string[] }>;
}

/** Column name → formatted type, per table; tables that do not exist are absent from the map. */
export async function tableColumns(
  db: ClientBase,
  tables: readonly TableRef[],
): Promise<Map<string, Map<string, string>>> {
  const { rows } = await db.query(
    `select n.nspname as schema, c.relname as name, a.attname as column, format_type(a.atttypid, a.atttypmod) as type
       from unnest($1::text[], $2::text[]) as t(schema, name)
       join pg_namespace n on n.nspname = t.schema
       join pg_class c on c.relnamespace = n.oid and c.relname = t.name and c.relkind in ('r', 'p')
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped`,
    [tables.map((t) => t.schema), tables.map((t) => t.name)],
  );
  const result = new Map<string, Map<string, string>>();
  for (const row of rows as Array<TableRef & { column: string; type: string }>) {
    const key = tableKey(row);
    const columns = result.get(key) ?? new Map<string, string>();
    columns.set(row.column, row.type);
    result.set(key, columns);
  }
  return result;
}

export interface SubscriptionInfo {
  readonly name: string;
  readonly enabled: boolean;
  readonly slotName: string | null;
  readonly publications: string[];
  /** Apply worker pid; null when the worker is not running. */
  readonly workerPid: number | null;
  /** Table sync states by schema.name (pg_subscription_rel.srsubstate): r ready, s synchronized, i/d copying. */
  readonly tableStates: Record<string, string>;
  /** Whether the publisher's slot is a failover slot (PostgreSQL 17+; null before 17). */
  readonly failover: boolean | null;
}

export async function subscriptionInfo(db: ClientBase, subscription: string): Promise<SubscriptionInfo | undefined> {
  const { rows } = await db.query(
    `select s.subname as name, s.subenabled as enabled, s.subslotname as "slotName",
            s.subpublications::text[] as publications,
            (select w.pid from pg_stat_subscription w where w.subid = s.oid and w.relid is null limit 1) as "workerPid",
            coalesce((select jsonb_object_agg(rn.nspname || '.' || rc.relname, r.srsubstate)
                        from pg_subscription_rel r join pg_class rc on rc.oid = r.srrelid
                        join pg_namespace rn on rn.oid = rc.relnamespace
                       where r.srsubid = s.oid), '{}'::jsonb) as "tableStates"
       from pg_subscription s
      where s.subname = $1 and s.subdbid = (select oid from pg_database where datname = current_database())`,
    [subscription],
  );
  const info = rows[0] as Omit<SubscriptionInfo, "failover"> | undefined;
  if (!info) return undefined;
  // subfailover exists from PostgreSQL 17 on; selecting it on 16 would fail to parse.
  const version = Number((await db.query("select current_setting('server_version_num') as v")).rows[0].v);
  const failover =
    version >= 170000
      ? ((
          await db.query(
            "select subfailover as f from pg_subscription where subname = $1 and subdbid = (select oid from pg_database where datname = current_database())",
            [subscription],
          )
        ).rows[0]?.f as boolean)
      : null;
  return { ...info, failover };
}

/** The subscription's connection string, or undefined when this role may not read it. */
export async function subscriptionConninfo(db: ClientBase, subscription: string): Promise<string | undefined> {
  const { rows } = await db.query("select has_column_privilege('pg_subscription', 'subconninfo', 'select') as ok");
  if (!(rows[0] as { ok: boolean }).ok) return undefined;
  const info = await db.query(
    `select subconninfo from pg_subscription
      where subname = $1 and subdbid = (select oid from pg_database where datname = current_database())`,
    [subscription],
  );
  return (info.rows[0] as { subconninfo: string } | undefined)?.subconninfo;
}

/** Names of every subscription in the current database. */
export async function subscriptionNames(db: ClientBase): Promise<string[]> {
  const { rows } = await db.query(
    `select subname from pg_subscription
      where subdbid = (select oid from pg_database where datname = current_database()) order by 1`,
  );
  return rows.map((r: { subname: string }) => r.subname);
}

export interface SlotInfo {
  readonly name: string;
  readonly active: boolean;
  /** WAL the slot still holds back from the subscriber, in bytes. */
  readonly bytesBehind: number | null;
}

export async function replicationSlot(db: ClientBase, slot: string): Promise<SlotInfo | undefined> {
  const { rows } = await db.query(
    `select slot_name as name, active,
            pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::float8 as "bytesBehind"
       from pg_replication_slots where slot_name = $1 and slot_type = 'logical'`,
    [slot],
  );
  return rows[0] as SlotInfo | undefined;
}

/** Whether the current database carries the standby fence (default_transaction_read_only=on). */
export async function isFenced(db: ClientBase): Promise<boolean> {
  const { rows } = await db.query(
    `select coalesce(bool_or(cfg = 'default_transaction_read_only=on'), false) as fenced
       from pg_db_role_setting s, unnest(s.setconfig) as cfg
      where s.setrole = 0 and s.setdatabase = (select oid from pg_database where datname = current_database())`,
  );
  return (rows[0] as { fenced: boolean }).fenced;
}

export async function currentDatabase(db: ClientBase): Promise<string> {
  const { rows } = await db.query("select current_database() as name");
  return (rows[0] as { name: string }).name;
}

export interface Heartbeat {
  readonly beat: bigint;
  readonly writtenAt: Date;
}

/** The heartbeat row, or undefined when the table or row is missing (not set up, or not yet copied). */
export async function readHeartbeat(db: ClientBase): Promise<Heartbeat | undefined> {
  const { rows } = await db.query(`select to_regclass($1) is not null as present`, [qualified(DR_SCHEMA, "heartbeat")]);
  if (!(rows[0] as { present: boolean }).present) return undefined;
  const beat = await db.query(
    `select beat::text as beat, written_at from ${qualified(DR_SCHEMA, "heartbeat")} where id = 1`,
  );
  const row = beat.rows[0] as { beat: string; written_at: Date } | undefined;
  return row ? { beat: BigInt(row.beat), writtenAt: row.written_at } : undefined;
}

/** The server's clock, so lag is computed against one clock instead of the operator's laptop. */
export async function serverNow(db: ClientBase): Promise<Date> {
  const { rows } = await db.query("select clock_timestamp() as now");
  return (rows[0] as { now: Date }).now;
}
