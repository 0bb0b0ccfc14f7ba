/**
 * Promotion: turn the subscriber into a writable primary. Each step checks state first, so a
 * promotion interrupted half-way is finished by running it again.
 *
 * 1. (planned switchover, --primary given) write a heartbeat on the old primary and wait until
 *    the standby has applied it: nothing committed before it is lost.
 * 2. record the last replicated heartbeat (the RPO evidence for the incident record).
 * 3. disable the subscription and wait for its apply worker to exit, so no row arrives after
 *    the sequences are read.
 * 4. detach the replication slot (`slot_name = NONE`) and drop the subscription. Detaching lets
 *    the drop succeed when the old primary is unreachable; the slot it leaves there must be
 *    dropped when that server returns (prepare-failback does it), or it pins WAL forever.
 * 5. move every sequence behind its data to max + margin (see sequences.ts).
 * 6. lift the fence, then run the "promoted" checks.
 */
import type { ClientBase } from "pg";
import { readHeartbeat, replicationSlot, subscriptionInfo } from "./catalog";
import { DrError } from "./errors";
import { unfence } from "./fence";
import { waitForBeat } from "./lag";
import type { Runner } from "./runner";
import { resetSequences, type SequenceReset } from "./sequences";
import { HEARTBEAT_WRITE, ident, literal } from "./sql";
import { verifyPromoted, type Check } from "./verify";

export interface PromoteOptions {
  readonly subscription: string;
  /** Gap added above max(id) for every sequence; see sequences.ts. */
  readonly sequenceMargin: bigint;
  /** How long to wait for catch-up (with a primary) and for the apply worker to stop. */
  readonly timeoutMs: number;
}

export interface PromoteResult {
  /** Last heartbeat the standby applied: every write committed before `lastReplicatedAt` is here. */
  readonly lastReplicatedBeat: string | null;
  readonly lastReplicatedAt: string | null;
  /** Replication slot left on the old primary; drop it there once it is reachable. */
  readonly orphanSlot: string | null;
  readonly sequences: readonly SequenceReset[];
  readonly checks: readonly Check[];
}

async function waitForWorkerExit(standby: ClientBase, subscription: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await subscriptionInfo(standby, subscription))?.workerPid != null) {
    if (Date.now() > deadline)
      throw new DrError(`the apply worker of ${subscription} did not stop within ${timeoutMs / 1000}s`, [
        "check pg_stat_subscription on the standby, then run promote again",
      ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function promote(
  standby: ClientBase,
  primary: ClientBase | undefined,
  runner: Runner,
  options: PromoteOptions,
): Promise<PromoteResult> {
  const sub = await subscriptionInfo(standby, options.subscription);
  const name = ident(options.subscription);
  let orphanSlot: string | null = null;

  if (sub && primary && sub.enabled) {
    const rows = await runner.apply(primary, "primary", "write a catch-up heartbeat", HEARTBEAT_WRITE);
    const beat = rows[0] as { beat: string } | undefined;
    if (beat && !(await waitForBeat(standby, BigInt(beat.beat), options.timeoutMs))) {
      throw new DrError("the standby did not catch up with the primary", [
        `heartbeat ${beat.beat} did not arrive within ${options.timeoutMs / 1000}s; check \`dr ` +
          `lag\`, or promote without --primary and accept the loss it reports`,
      ]);
    }
    if (beat) runner.note(`standby caught up with heartbeat ${beat.beat}`);
  }
  const last = await readHeartbeat(standby);
  runner.note(
    last
      ? `last replicated heartbeat ${last.beat} written at ${last.writtenAt.toISOString()}`
      : "no heartbeat on the standby: the replicated point in time is unknown",
  );

  if (sub) {
    if (sub.enabled)
      await runner.apply(
        standby,
        "standby",
        `disable subscription ${options.subscription}`,
        `alter subscription ${name} disable`,
      );
    if (!runner.dryRun) await waitForWorkerExit(standby, options.subscription, options.timeoutMs);
    if (sub.slotName !== null) {
      await runner.apply(
        standby,
        "standby",
        `detach replication slot ${sub.slotName}`,
        `alter subscription ${name} set (slot_name = none)`,
      );
      orphanSlot = sub.slotName;
    }
    await runner.apply(standby, "standby", `drop subscription ${options.subscription}`, `drop subscription ${name}`);
  } else {
    runner.note(`subscription ${options.subscription} is already gone`);
  }
  if (orphanSlot && primary) {
    // The walsender on the primary may outlive the subscriber's worker for a moment.
    const deadline = Date.now() + options.timeoutMs;
    let slot = await replicationSlot(primary, orphanSlot);
    while (slot?.active && !runner.dryRun && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      slot = await replicationSlot(primary, orphanSlot);
    }
    if (slot && !slot.active) {
      await runner.apply(
        primary,
        "primary",
        `drop replication slot ${orphanSlot}`,
        `select pg_drop_replication_slot(${literal(orphanSlot)})`,
      );
      orphanSlot = null;
    }
  }

  const sequences = await resetSequences(standby, runner, options.sequenceMargin);
  await unfence(standby, runner, "standby");
  const checks = runner.dryRun ? [] : await verifyPromoted(standby);
  return {
    lastReplicatedBeat: last?.beat.toString() ?? null,
    lastReplicatedAt: last?.writtenAt.toISOString() ?? null,
    orphanSlot,
    sequences,
    checks,
  };
}
