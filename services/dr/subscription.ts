/**
 * Standby side: schema check, fence, subscription. Idempotent: a re-run enables a disabled
 * subscription, follows a changed publication or connection string, and refreshes the
 * subscription when the publication gained tables; otherwise it changes nothing.
 */
import type { ClientBase } from "pg";
import {
  publicationTables,
  replicationSlot,
  subscriptionConninfo,
  subscriptionInfo,
  tableColumns,
  tableKey,
  type TableRef,
} from "./catalog";
import { DrError } from "./errors";
import { fence } from "./fence";
import { ensureHeartbeatTable } from "./publication";
import type { Runner } from "./runner";
import { replicationLoginProblems } from "./replication-login";
import { pendingRestart, pendingRestartProblem } from "./restart";
import {
  conninfoUser,
  DR_SCHEMA,
  ENCRYPTED_SSL_MODES,
  ident,
  literal,
  qualified,
  redact,
  sslMode,
  withPassword,
} from "./sql";

export interface SubscriptionOptions {
  readonly publication: string;
  readonly subscription: string;
  /** Connection string the standby server uses to reach the primary (over the VPN in production). */
  readonly conninfo: string;
  /** "require-tls" (default) refuses a conninfo without sslmode=require/verify-ca/verify-full. */
  readonly transport?: "require-tls" | "allow-plaintext";
  /** What to do when replicated tables on the standby already hold rows. Default "refuse". */
  readonly existingRows?: "refuse" | "truncate";
  /** The replication login's password (DR_REPLICATION_PASSWORD), put into the stored conninfo. Default: the one in `conninfo`. */
  readonly password?: string;
}

/** PostgreSQL 17 can keep a logical slot across a physical failover of the publisher (failover = true). */
const FAILOVER_SLOTS_VERSION = 170000;

export interface SubscriptionResult {
  readonly created: boolean;
  /** Changes made to an existing subscription (empty when it was already as wanted). */
  readonly changes: readonly string[];
}

/** Compares the published tables' columns with the standby's; every mismatch is one problem. */
export function schemaProblems(
  published: ReadonlyArray<TableRef & { columns: readonly string[] }>,
  primaryColumns: ReadonlyMap<string, ReadonlyMap<string, string>>,
  standbyColumns: ReadonlyMap<string, ReadonlyMap<string, string>>,
): string[] {
  const problems: string[] = [];
  for (const table of published) {
    const key = tableKey(table);
    const standby = standbyColumns.get(key);
    if (!standby) {
      problems.push(`table ${key} is missing on the standby`);
      continue;
    }
    for (const column of table.columns) {
      const type = standby.get(column);
      const wanted = primaryColumns.get(key)?.get(column);
      if (type === undefined) problems.push(`column ${key}.${column} is missing on the standby`);
      else if (wanted !== undefined && type !== wanted)
        problems.push(`column ${key}.${column} is ${type} on the standby but ${wanted} on the primary`);
    }
  }
  return problems;
}

async function tablesWithRows(db: ClientBase, tables: readonly TableRef[]): Promise<string[]> {
  const found: string[] = [];
  for (const t of tables) {
    const { rows } = await db.query(`select exists (select 1 from ${qualified(t.schema, t.name)}) as any`);
    if ((rows[0] as { any: boolean }).any) found.push(tableKey(t));
  }
  return found;
}

export async function setupSubscription(
  standby: ClientBase,
  primary: ClientBase,
  runner: Runner,
  options: SubscriptionOptions,
): Promise<SubscriptionResult> {
  const problems: string[] = [];
  const mode = sslMode(options.conninfo);
  if ((options.transport ?? "require-tls") === "require-tls" && !ENCRYPTED_SSL_MODES.includes(mode ?? "")) {
    problems.push(
      `the subscription connection string has ` +
        `sslmode=${mode ?? "(unset, libpq falls back to plaintext)"}; add sslmode=require (or ` +
        `verify-full), or pass --allow-plaintext-replication for a lab`,
    );
  }
  problems.push(...(await replicationLoginProblems(primary, conninfoUser(options.conninfo))));
  for (const [db, side] of [
    [primary, "primary"],
    [standby, "standby"],
  ] as const) {
    const pending = await pendingRestart(db);
    if (pending.length > 0) problems.push(pendingRestartProblem(side, pending));
  }
  const published = await publicationTables(primary, options.publication);
  if (published.length === 0)
    problems.push(
      `publication ${options.publication} does not exist on the primary or carries no tables; run setup-publication first`,
    );

  await ensureHeartbeatTable(standby, runner, "standby");
  // In a dry run the heartbeat table may only be planned, so it is left out of the schema check.
  const checked = published.filter((t) => !(runner.dryRun && t.schema === DR_SCHEMA));
  const [primaryColumns, standbyColumns] = await Promise.all([
    tableColumns(primary, checked),
    tableColumns(standby, checked),
  ]);
  const schema = schemaProblems(checked, primaryColumns, standbyColumns);
  if (schema.length > 0) {
    problems.push(
      ...schema,
      "apply the same migrations on the standby first: dr apply-schema --target standby --migrations <dir>",
    );
  }
  const existing = await subscriptionInfo(standby, options.subscription);
  if (!existing && (await replicationSlot(primary, options.subscription))) {
    problems.push(
      `replication slot ${options.subscription} already exists on the primary (left by an ` +
        `earlier subscription); drop it with prepare-failback --stale-slot ` +
        `${options.subscription}, or pick another --subscription`,
    );
  }
  if (problems.length > 0)
    throw new DrError(`cannot set up subscription ${options.subscription} on the standby`, problems);

  const sub = ident(options.subscription);
  const conninfo = options.password === undefined ? options.conninfo : withPassword(options.conninfo, options.password);
  // Both ends on 17+: the slot on the publisher is a failover slot, synchronized to its HA standby
  // (Azure: sync_replication_slots + hot_standby_feedback), so a zone failover keeps replication.
  const versions = await Promise.all(
    [primary, standby].map(async (db) =>
      Number((await db.query("select current_setting('server_version_num') as v")).rows[0].v),
    ),
  );
  const failoverSlot = versions.every((v) => v >= FAILOVER_SLOTS_VERSION);
  if (!existing) {
    const appTables = checked.filter((t) => t.schema !== DR_SCHEMA);
    const occupied = await tablesWithRows(standby, checked);
    if (occupied.length > 0 && (options.existingRows ?? "refuse") === "refuse") {
      throw new DrError(`cannot set up subscription ${options.subscription} on the standby`, [
        `standby tables already hold rows (${occupied.join(", ")}); the initial copy would fail on ` +
          `duplicate keys. Re-run with --reset-standby to empty the replicated tables on the standby ` +
          `first (their rows are replaced by the primary's)`,
      ]);
    }
    if (occupied.length > 0) {
      const targets = [...appTables, { schema: DR_SCHEMA, name: "heartbeat" }].map((t) => qualified(t.schema, t.name));
      // Replica role skips ordinary triggers, like the apply worker does: the ledger's
      // append-only trigger refuses TRUNCATE from applications, not a re-seed. Needs superuser,
      // rds_superuser or azure_pg_admin (GRANT SET ON PARAMETER session_replication_role).
      await runner.apply(
        standby,
        "standby",
        `empty the replicated tables (${occupied.join(", ")})`,
        `begin; set local session_replication_role = replica; truncate ${targets.join(", ")}; commit`,
      );
    }
    await fence(standby, runner, "standby");
    const create = (c: string) =>
      `create subscription ${sub} connection ${literal(c)} publication ` +
      `${ident(options.publication)} with (copy_data = ` +
      `true${failoverSlot ? ", failover = true" : ""})`;
    await runner.apply(
      standby,
      "standby",
      `create subscription ${options.subscription} (initial copy of ${published.length} tables)`,
      create(conninfo),
      create(redact(conninfo)),
    );
    return { created: true, changes: [] };
  }

  const changes: string[] = [];
  // Enable first: PostgreSQL refuses to refresh a disabled subscription.
  if (!existing.enabled) {
    changes.push("enabled");
    await runner.apply(
      standby,
      "standby",
      `enable subscription ${options.subscription}`,
      `alter subscription ${sub} enable`,
    );
  }
  if (existing.publications.length !== 1 || existing.publications[0] !== options.publication) {
    changes.push(`publication ${existing.publications.join(",")} -> ${options.publication}`);
    await runner.apply(
      standby,
      "standby",
      `point subscription at publication ${options.publication}`,
      `alter subscription ${sub} set publication ${ident(options.publication)}`,
    );
  }
  const stored = await subscriptionConninfo(standby, options.subscription);
  if (stored !== conninfo) {
    changes.push("connection string");
    const alter = (c: string) => `alter subscription ${sub} connection ${literal(c)}`;
    await runner.apply(
      standby,
      "standby",
      "update the subscription connection string",
      alter(conninfo),
      alter(redact(conninfo)),
    );
  }
  if (failoverSlot && existing.failover === false) {
    // PostgreSQL changes the slot's failover property only while the subscription is disabled.
    changes.push("failover slot");
    await runner.apply(
      standby,
      "standby",
      `disable subscription ${options.subscription} to make its slot a failover slot`,
      `alter subscription ${sub} disable`,
    );
    await runner.apply(
      standby,
      "standby",
      `make the slot of ${options.subscription} a failover slot`,
      `alter subscription ${sub} set (failover = true)`,
    );
    await runner.apply(
      standby,
      "standby",
      `enable subscription ${options.subscription}`,
      `alter subscription ${sub} enable`,
    );
  }
  const missing = published.map(tableKey).filter((t) => !(t in existing.tableStates));
  if (missing.length > 0 && changes.every((c) => !c.startsWith("publication"))) {
    changes.push(`refresh (${missing.join(", ")})`);
    await runner.apply(
      standby,
      "standby",
      `refresh subscription for new tables ${missing.join(", ")}`,
      `alter subscription ${sub} refresh publication with (copy_data = true)`,
    );
  }
  if (await fence(standby, runner, "standby")) changes.push("fenced");
  if (changes.length === 0) runner.note(`subscription ${options.subscription} already set up`);
  return { created: false, changes };
}
