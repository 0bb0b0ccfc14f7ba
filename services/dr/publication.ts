/**
 * Primary side: the heartbeat table and the publication. Idempotent: a re-run converges the
 * publication on "every table in the chosen schemas plus dr.heartbeat" and changes nothing else.
 *
 * Tables are listed explicitly (`FOR TABLE ...`) rather than `FOR TABLES IN SCHEMA`, because the
 * schema form needs a true superuser and neither Aurora's rds_superuser nor Azure's
 * azure_pg_admin is one. The price: after a migration adds a table, re-run setup-publication and
 * then setup-subscription (which refreshes the subscription).
 */
import type { ClientBase } from "pg";
import { publicationExists, publicationTables, tableKey, tablesInSchemas, type TableInfo } from "./catalog";
import { DrError } from "./errors";
import { pendingRestart, pendingRestartProblem } from "./restart";
import type { Runner } from "./runner";
import { DR_SCHEMA, HEARTBEAT_DDL, HEARTBEAT_SEED, ident, qualified } from "./sql";

export interface PublicationOptions {
  /** Publication name. */
  readonly publication: string;
  /** Schemas whose tables are replicated (the DR schema is always added). */
  readonly schemas: readonly string[];
}

export interface PublicationResult {
  readonly created: boolean;
  readonly added: readonly string[];
  readonly dropped: readonly string[];
  /** Every table the publication carries after the run (schema.name). */
  readonly tables: readonly string[];
}

/** Creates the DR schema, heartbeat table and row on this server when missing (both sides use it). */
export async function ensureHeartbeatTable(db: ClientBase, runner: Runner, side: "primary" | "standby"): Promise<void> {
  const { rows } = await db.query("select to_regclass($1) is not null as present", [`${DR_SCHEMA}.heartbeat`]);
  if (!(rows[0] as { present: boolean }).present) {
    for (const ddl of HEARTBEAT_DDL) await runner.apply(db, side, "create the DR heartbeat table", ddl);
  }
  if (side === "primary") {
    const seeded =
      rows[0].present && (await db.query(`select 1 from ${qualified(DR_SCHEMA, "heartbeat")}`)).rowCount === 1;
    if (!seeded) await runner.apply(db, side, "seed the heartbeat row", HEARTBEAT_SEED);
  }
}

/** Problems that would break replication or the primary's own writes once a table is published. */
export function publicationProblems(
  tables: readonly TableInfo[],
  schemas: readonly string[],
  found: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  for (const schema of schemas) {
    if (!found.has(schema))
      problems.push(
        `schema ${schema} does not exist on the primary; create it (apply the migrations) or fix --schemas`,
      );
  }
  for (const t of tables) {
    const noIdentity = t.replicaIdentity === "n" || (t.replicaIdentity === "d" && !t.hasPrimaryKey);
    if (noIdentity) {
      problems.push(
        `table ${tableKey(t)} has no primary key or replica identity, so UPDATE and DELETE on the ` +
          `primary would fail once it is published; add a primary key, or run: alter table ` +
          `${qualified(t.schema, t.name)} replica identity full`,
      );
    }
  }
  return problems;
}

export async function setupPublication(
  db: ClientBase,
  runner: Runner,
  options: PublicationOptions,
): Promise<PublicationResult> {
  const walLevel = (await db.query("select current_setting('wal_level') as v")).rows[0].v as string;
  const problems: string[] = [];
  if (walLevel !== "logical") {
    problems.push(
      `wal_level is ${walLevel}; logical replication needs wal_level=logical (Aurora: ` +
        `rds.logical_replication=1 in the cluster parameter group, then reboot the writer)`,
    );
  }
  const pending = await pendingRestart(db);
  if (pending.length > 0) problems.push(pendingRestartProblem("primary", pending));
  const schemas = options.schemas.filter((s) => s !== DR_SCHEMA);
  const found = new Set(
    (
      (await db.query("select nspname from pg_namespace where nspname = any($1::text[])", [schemas])).rows as Array<{
        nspname: string;
      }>
    ).map((r) => r.nspname),
  );
  const appTables = await tablesInSchemas(db, schemas);
  problems.push(...publicationProblems(appTables, schemas, found));
  if (problems.length > 0)
    throw new DrError(`cannot set up publication ${options.publication} on the primary`, problems);

  await ensureHeartbeatTable(db, runner, "primary");
  const wanted = [...appTables.map(tableKey), `${DR_SCHEMA}.heartbeat`];
  const render = (key: string) => {
    const [schema, name] = [key.slice(0, key.indexOf(".")), key.slice(key.indexOf(".") + 1)];
    return qualified(schema, name);
  };
  const pub = ident(options.publication);

  if (!(await publicationExists(db, options.publication))) {
    await runner.apply(
      db,
      "primary",
      `create publication ${options.publication} (${wanted.length} tables)`,
      `create publication ${pub} for table ${wanted.map(render).join(", ")}`,
    );
    return { created: true, added: wanted, dropped: [], tables: wanted };
  }
  const current = new Set((await publicationTables(db, options.publication)).map(tableKey));
  const added = wanted.filter((t) => !current.has(t));
  const dropped = [...current].filter((t) => !wanted.includes(t)).sort();
  if (added.length > 0) {
    await runner.apply(
      db,
      "primary",
      `add ${added.join(", ")} to publication ${options.publication}`,
      `alter publication ${pub} add table ${added.map(render).join(", ")}`,
    );
  }
  if (dropped.length > 0) {
    await runner.apply(
      db,
      "primary",
      `drop ${dropped.join(", ")} from publication ${options.publication}`,
      `alter publication ${pub} drop table ${dropped.map(render).join(", ")}`,
    );
  }
  if (added.length === 0 && dropped.length === 0)
    runner.note(`publication ${options.publication} already carries all ${wanted.length} tables`);
  return { created: false, added, dropped, tables: wanted };
}
