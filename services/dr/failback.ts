/**
 * Rebuilds replication in the other direction: the server that was primary (and has since lost
 * the role) becomes a fresh subscriber of the server that is primary now. Used twice in a
 * failback: Azure -> Aurora to re-seed Aurora, and after the cut back, Aurora -> Azure to
 * restore the warm standby. Roles, not clouds: `primary` is whoever takes writes now.
 *
 * It replaces the new standby's replicated tables with the primary's rows, so it only runs with
 * existingRows "truncate" (the CLI's --reset-standby). Export any rows the old primary wrote in
 * the unreplicated window before running it (see docs/runbooks/failback.md).
 */
import type { ClientBase } from "pg";
import { publicationExists, replicationSlot } from "./catalog";
import { DrError } from "./errors";
import { endClientSessions, fence } from "./fence";
import { setupPublication, type PublicationResult } from "./publication";
import type { Runner } from "./runner";
import { ident, literal } from "./sql";
import { setupSubscription, type SubscriptionOptions, type SubscriptionResult } from "./subscription";

export interface FailbackOptions extends SubscriptionOptions {
  readonly schemas: readonly string[];
  /** Slots the previous direction left behind (dropped on whichever server holds them, if inactive). */
  readonly staleSlots: readonly string[];
  /** Publication of the previous direction to drop from the new standby, if any. */
  readonly stalePublication?: string;
}

export interface FailbackResult {
  readonly droppedSlots: readonly string[];
  readonly publication: PublicationResult;
  readonly subscription: SubscriptionResult;
}

export async function prepareFailback(
  primary: ClientBase,
  standby: ClientBase,
  runner: Runner,
  options: FailbackOptions,
): Promise<FailbackResult> {
  if (options.existingRows !== "truncate") {
    throw new DrError("prepare-failback replaces the standby's replicated tables", [
      "pass --reset-standby to confirm (export the unreplicated rows first: see the failback runbook)",
    ]);
  }
  const droppedSlots: string[] = [];
  // A slot the previous direction left can sit on either server: on the old primary when the
  // promotion ran without it, on the new primary when a failover is being rolled back.
  for (const name of options.staleSlots) {
    for (const [db, side] of [
      [standby, "standby"],
      [primary, "primary"],
    ] as const) {
      const slot = await replicationSlot(db, name);
      if (!slot) continue;
      if (slot.active)
        throw new DrError(`cannot drop replication slot ${name} on the ${side}`, [
          "it is in use: stop the subscriber that still reads it, then run again",
        ]);
      await runner.apply(
        db,
        side,
        `drop stale replication slot ${name} (it pins WAL)`,
        `select pg_drop_replication_slot(${literal(name)})`,
      );
      droppedSlots.push(`${side}:${name}`);
    }
  }
  if (options.stalePublication && (await publicationExists(standby, options.stalePublication))) {
    await runner.apply(
      standby,
      "standby",
      `drop stale publication ${options.stalePublication}`,
      `drop publication ${ident(options.stalePublication)}`,
    );
  }
  await fence(standby, runner, "standby");
  await endClientSessions(standby, runner, "standby");
  const publication = await setupPublication(primary, runner, options);
  const subscription = await setupSubscription(standby, primary, runner, options);
  return { droppedSlots, publication, subscription };
}
