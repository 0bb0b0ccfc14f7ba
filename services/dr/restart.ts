/**
 * Static parameters (shared_preload_libraries, wal_level, max_worker_processes,
 * sync_replication_slots' companions ...) only take effect after a restart. Aurora's
 * `pending-reboot` parameters and Azure's static server parameters are set by `pulumi up`, but
 * neither service restarts the server by itself, so until someone does, pg_cron is not loaded,
 * logical replication is off or slots are not synchronized, while everything looks configured.
 * PostgreSQL says so in `pg_settings.pending_restart`: the DR steps that depend on those
 * settings refuse to go on while it is set on a server they touch (issue 12 item 12).
 */
import type { ClientBase } from "pg";
import { DrError } from "./errors";
import type { Side } from "./runner";

export interface PendingSetting {
  readonly name: string;
  /** The running value, and the one the configuration asks for after the restart. */
  readonly running: string;
}

/** Settings changed in the configuration that wait for a restart; empty when none. */
export async function pendingRestart(db: ClientBase): Promise<PendingSetting[]> {
  const { rows } = await db.query(
    "select name, setting as running from pg_catalog.pg_settings where pending_restart order by name",
  );
  return rows as PendingSetting[];
}

/** How to restart each cloud's server, for the message. */
export const RESTART_HOW =
  "restart it, then run again (Aurora: aws rds reboot-db-instance --db-instance-identifier <writer>; " +
  "Azure: az postgres flexible-server restart -g <resource group> -n <server>; both in a quiet minute: sessions drop)";

export function pendingRestartProblem(side: Side, pending: readonly PendingSetting[]): string {
  return (
    `the ${side} has static parameters waiting for a restart ` +
    `(${pending.map((p) => `${p.name}, running ${p.running || "''"}`).join("; ")}): ` +
    `${RESTART_HOW}`
  );
}

/** Throws DrError when the server has settings pending a restart. */
export async function refusePendingRestart(db: ClientBase, side: Side, step: string): Promise<void> {
  const pending = await pendingRestart(db);
  if (pending.length > 0) throw new DrError(`cannot ${step}`, [pendingRestartProblem(side, pending)]);
}
