/**
 * Checks, each with a name and a detail line, for the two states the runbooks need proven:
 * "replicating" (a healthy warm standby) and "promoted" (a standby that may take writes).
 */
import type { ClientBase } from "pg";
import { isFenced, publicationTables, subscriptionInfo, subscriptionNames, tableColumns, tableKey } from "./catalog";
import { measureLag, type LagReport } from "./lag";
import { pendingRestart, pendingRestartProblem } from "./restart";
import { sequenceStates } from "./sequences";
import { schemaProblems } from "./subscription";

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface ReplicatingOptions {
  readonly publication: string;
  readonly subscription: string;
  readonly maxLagSeconds: number;
}

const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });

export async function verifyReplicating(
  standby: ClientBase,
  primary: ClientBase | undefined,
  options: ReplicatingOptions,
): Promise<{ checks: Check[]; lag: LagReport }> {
  const checks: Check[] = [];
  const sub = await subscriptionInfo(standby, options.subscription);
  checks.push(
    check(
      "subscription exists",
      sub !== undefined,
      sub ? options.subscription : `no subscription ${options.subscription}; run setup-subscription`,
    ),
  );
  if (sub) {
    checks.push(
      check(
        "subscription enabled",
        sub.enabled,
        sub.enabled ? "enabled" : "disabled; run setup-subscription to enable it",
      ),
    );
    checks.push(
      check(
        "apply worker running",
        sub.workerPid !== null,
        sub.workerPid !== null ? `pid ${sub.workerPid}` : "not running; check the standby log",
      ),
    );
    const copying = Object.entries(sub.tableStates).filter(([, state]) => state !== "r" && state !== "s");
    checks.push(
      check(
        "initial copy finished",
        copying.length === 0,
        copying.length === 0
          ? `${Object.keys(sub.tableStates).length} tables ready`
          : `still copying: ${copying.map(([t]) => t).join(", ")}`,
      ),
    );
  }
  const fenced = await isFenced(standby);
  checks.push(
    check(
      "standby fenced",
      fenced,
      fenced ? "application writes refused" : "the standby accepts application writes; run setup-subscription",
    ),
  );
  if (primary) {
    const published = await publicationTables(primary, options.publication);
    const missing = published.map(tableKey).filter((t) => !sub || !(t in sub.tableStates));
    checks.push(
      check(
        "all published tables subscribed",
        missing.length === 0,
        missing.length === 0
          ? `${published.length} tables`
          : `not subscribed: ${missing.join(", ")}; run setup-subscription`,
      ),
    );
    const [p, s] = await Promise.all([tableColumns(primary, published), tableColumns(standby, published)]);
    const schema = schemaProblems(published, p, s);
    checks.push(
      check(
        "schemas match",
        schema.length === 0,
        schema.length === 0 ? "published columns present with the same types" : schema.join("; "),
      ),
    );
  }
  const servers: Array<[ClientBase, "primary" | "standby"]> = [
    [standby, "standby"],
    ...(primary ? [[primary, "primary"] as [ClientBase, "primary"]] : []),
  ];
  for (const [db, side] of servers) {
    const pending = await pendingRestart(db);
    checks.push(
      check(
        `no restart pending on the ${side}`,
        pending.length === 0,
        pending.length === 0 ? "static parameters in effect" : pendingRestartProblem(side, pending),
      ),
    );
  }
  const lag = await measureLag(standby, primary, options);
  checks.push(
    check(
      `lag within ${options.maxLagSeconds}s`,
      lag.problems.length === 0,
      lag.problems.length === 0 ? `${lag.seconds}s, ${lag.bytes ?? "?"} bytes` : lag.problems.join("; "),
    ),
  );
  return { checks, lag };
}

export async function verifyPromoted(standby: ClientBase): Promise<Check[]> {
  const checks: Check[] = [];
  const recovery = (await standby.query("select pg_is_in_recovery() as r")).rows[0].r as boolean;
  checks.push(check("not in recovery", !recovery, recovery ? "the server is a physical replica" : "primary role"));
  const subs = await subscriptionNames(standby);
  checks.push(
    check(
      "no subscriptions",
      subs.length === 0,
      subs.length === 0 ? "none" : `still subscribed: ${subs.join(", ")}; run promote`,
    ),
  );
  const fenced = await isFenced(standby);
  checks.push(
    check(
      "writable",
      !fenced,
      fenced ? "default_transaction_read_only is on for the database; run promote" : "fence lifted",
    ),
  );
  const behind = (await sequenceStates(standby)).filter((s) => s.increment > 0n && s.next <= s.maxInData);
  checks.push(
    check(
      "sequences ahead of data",
      behind.length === 0,
      behind.length === 0
        ? "every sequence's next value is above its column's max"
        : `behind: ${behind.map((s) => `${s.sequence} (next ${s.next}, max ${s.maxInData})`).join(", ")}; run reset-sequences`,
    ),
  );
  return checks;
}
