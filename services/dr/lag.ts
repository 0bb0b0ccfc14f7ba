/**
 * Replication lag, measured with the heartbeat row.
 *
 * Why a heartbeat and not only pg_stat_replication / pg_stat_subscription: the RPO is a time
 * ("lose at most 5 minutes of trades"), and logical replication applies transactions in commit
 * order, so once the standby shows the heartbeat written at T it holds every transaction
 * committed on the primary before T. `lag seconds = primary clock now - T` is therefore an upper
 * bound on the data a failover would lose right now (it over-reads by at most one heartbeat
 * interval), it uses only the primary's clock (no cross-cloud clock skew), and it still works
 * from the standby alone when Aurora is gone (then against the standby's clock). The catalog
 * views give bytes (useful for sizing and for seeing a stalled slot) but their times are blank
 * when idle and unavailable once the primary is down.
 */
import type { ClientBase } from "pg";
import { readHeartbeat, replicationSlot, serverNow, subscriptionInfo } from "./catalog";
import { HEARTBEAT_WRITE } from "./sql";

export interface LagOptions {
  /** Subscription name on the standby; its slot on the primary has the same name unless told otherwise. */
  readonly subscription: string;
  /** Fail when lag exceeds this many seconds (the RPO). */
  readonly maxLagSeconds: number;
}

export interface LagReport {
  /** Whose clock `seconds` was measured against. */
  readonly clock: "primary" | "standby";
  /** Upper bound on unreplicated time; null when the standby has no heartbeat yet. */
  readonly seconds: number | null;
  /** WAL the subscriber has not confirmed; null without a primary connection or slot. */
  readonly bytes: number | null;
  /** Seconds since the primary last wrote a heartbeat; null without a primary connection. */
  readonly writerAgeSeconds: number | null;
  readonly standbyBeat: string | null;
  readonly primaryBeat: string | null;
  readonly subscriptionEnabled: boolean | null;
  readonly workerRunning: boolean | null;
  readonly slotActive: boolean | null;
  /** Everything that makes this a failed check (empty = within the RPO). */
  readonly problems: readonly string[];
}

const seconds = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 100) / 10;

/** Writes one heartbeat on the primary; returns the new beat number. */
export async function writeHeartbeat(primary: ClientBase): Promise<bigint> {
  const { rows } = await primary.query(HEARTBEAT_WRITE);
  const row = rows[0] as { beat: string } | undefined;
  if (!row) throw new Error("the heartbeat row is missing on the primary; run setup-publication");
  return BigInt(row.beat);
}

export async function measureLag(
  standby: ClientBase,
  primary: ClientBase | undefined,
  options: LagOptions,
): Promise<LagReport> {
  const problems: string[] = [];
  const sub = await subscriptionInfo(standby, options.subscription);
  if (!sub) problems.push(`subscription ${options.subscription} does not exist on the standby`);
  else if (!sub.enabled) problems.push(`subscription ${options.subscription} is disabled`);
  else if (sub.workerPid === null)
    problems.push(
      `subscription ${options.subscription} has no running apply worker (check the standby's log for connection errors)`,
    );

  const standbyBeat = await readHeartbeat(standby);
  const primaryBeat = primary ? await readHeartbeat(primary) : undefined;
  const now = primary ? await serverNow(primary) : await serverNow(standby);
  const lag = standbyBeat ? seconds(standbyBeat.writtenAt, now) : null;
  if (lag === null) problems.push("no heartbeat has reached the standby yet");
  else if (lag > options.maxLagSeconds) problems.push(`lag ${lag}s exceeds the ${options.maxLagSeconds}s limit`);

  const writerAge = primaryBeat ? seconds(primaryBeat.writtenAt, now) : null;
  if (primary && !primaryBeat) problems.push("the primary has no heartbeat row; run setup-publication");
  if (writerAge !== null && writerAge > options.maxLagSeconds) {
    problems.push(
      `the heartbeat writer is stalled (last beat ${writerAge}s ago): start the pg_cron job or ` +
        `\`dr heartbeat --every 10\`; lag cannot be proven below the limit without it`,
    );
  }
  const slot = primary ? await replicationSlot(primary, sub?.slotName ?? options.subscription) : undefined;
  if (primary && !slot)
    problems.push(`replication slot ${sub?.slotName ?? options.subscription} does not exist on the primary`);

  return {
    clock: primary ? "primary" : "standby",
    seconds: lag,
    bytes: slot?.bytesBehind ?? null,
    writerAgeSeconds: writerAge,
    standbyBeat: standbyBeat?.beat.toString() ?? null,
    primaryBeat: primaryBeat?.beat.toString() ?? null,
    subscriptionEnabled: sub?.enabled ?? null,
    workerRunning: sub ? sub.workerPid !== null : null,
    slotActive: slot?.active ?? null,
    problems,
  };
}

/**
 * Waits until the standby has applied `beat` (or a later one), polling every `pollMs`, for at
 * most `timeoutMs`. Returns false on timeout.
 */
export async function waitForBeat(
  standby: ClientBase,
  beat: bigint,
  timeoutMs: number,
  pollMs = 200,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await readHeartbeat(standby);
    if (current && current.beat >= beat) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
