/**
 * The fence: `ALTER DATABASE ... SET default_transaction_read_only = on`. On a standby it stops
 * application sessions (for example a service that resolved the failover DNS name early) from
 * writing rows that would collide with replicated ones; logical replication apply workers are
 * not affected. On an old primary it stops new writes before a planned switchover. It is a guard
 * rail, not a security boundary: a session may still SET the parameter off, which is exactly
 * what this tool does for itself.
 */
import type { ClientBase } from "pg";
import { currentDatabase, isFenced } from "./catalog";
import type { Runner, Side } from "./runner";
import { HEARTBEAT_WRITE, ident } from "./sql";

export async function fence(db: ClientBase, runner: Runner, side: Side): Promise<boolean> {
  if (await isFenced(db)) return false;
  const database = await currentDatabase(db);
  await runner.apply(
    db,
    side,
    `fence database ${database} (new transactions read-only by default)`,
    `alter database ${ident(database)} set default_transaction_read_only = on`,
  );
  return true;
}

export async function unfence(db: ClientBase, runner: Runner, side: Side): Promise<boolean> {
  if (!(await isFenced(db))) return false;
  const database = await currentDatabase(db);
  await runner.apply(
    db,
    side,
    `lift the fence on database ${database} (writable)`,
    `alter database ${ident(database)} reset default_transaction_read_only`,
  );
  return true;
}

/** Ends the other client sessions on this database: they keep the read-write default they started with. */
export async function endClientSessions(db: ClientBase, runner: Runner, side: Side): Promise<void> {
  await runner.apply(
    db,
    side,
    "end other client sessions on this database",
    `select count(pg_terminate_backend(pid))::int as ended from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
  );
}

export interface FencePrimaryResult {
  readonly fenced: boolean;
  /** The last heartbeat written after the fence: the standby has every write once it shows this beat. */
  readonly finalBeat: bigint | undefined;
}

/**
 * Planned switchover, old primary side: fence, end the application sessions still connected
 * (they keep their old read-write default), then write one last heartbeat. Once the standby has
 * applied that beat it holds every committed write.
 */
export async function fencePrimary(db: ClientBase, runner: Runner): Promise<FencePrimaryResult> {
  const fenced = await fence(db, runner, "primary");
  await endClientSessions(db, runner, "primary");
  const rows = await runner.apply(db, "primary", "write the final heartbeat", HEARTBEAT_WRITE);
  const beat = rows[0] as { beat: string } | undefined;
  if (!runner.dryRun) runner.note(`final heartbeat ${beat?.beat ?? "none (no heartbeat row: run setup-publication)"}`);
  return { fenced, finalBeat: beat ? BigInt(beat.beat) : undefined };
}
