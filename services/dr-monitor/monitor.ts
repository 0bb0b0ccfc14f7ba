/**
 * One DR measurement, as the scheduled dr-monitor Lambda runs it every minute: replication lag
 * (services/dr `measureLag`, the heartbeat method) between Aurora (primary) and the Azure
 * standby, and whether the standby is promoted (services/dr `verifyPromoted`), as one CloudWatch
 * EMF line in Platform/DR. A value that cannot be measured is left out: the DR alarms treat
 * missing data as breaching (no proof of lag below the RPO; the DNS gate stays shut).
 */
import type { ClientBase } from "pg";
import { isFenced, subscriptionNames } from "../dr/catalog";
import { emfLine, type MetricValue } from "../dr/emf";
import { measureLag, type LagReport } from "../dr/lag";
import { verifyPromoted } from "../dr/verify";

export interface MonitorOptions {
  /** Subscription on the standby (and slot on the primary). Default in the handler: fx_dr_sub. */
  readonly subscription: string;
  /** Lag above this is reported as a problem in the log (the alarm has its own threshold). */
  readonly maxLagSeconds: number;
}

/** How to reach each side; a rejected promise means "unreachable". The monitor closes what it opens. */
export interface Connectors {
  readonly standby: () => Promise<ClientBase & { end(): Promise<void> }>;
  readonly primary: () => Promise<ClientBase & { end(): Promise<void> }>;
}

export interface MonitorResult {
  /** null: not measured (standby unreachable, no heartbeat yet, or the standby is promoted). */
  readonly lagSeconds: number | null;
  readonly lagBytes: number | null;
  /** null: the standby could not be asked. */
  readonly promoted: boolean | null;
  /** Whose clock the lag was measured against (standby when Aurora is unreachable). */
  readonly clock: LagReport["clock"] | null;
  readonly problems: readonly string[];
  /** The EMF line to write to stdout. */
  readonly emf: string;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Promoted = every `dr verify --expect promoted` check passes; the cheap checks first, so a replicating standby costs two catalog reads. */
export async function standbyPromoted(standby: ClientBase): Promise<boolean> {
  if ((await subscriptionNames(standby)).length > 0 || (await isFenced(standby))) return false;
  return (await verifyPromoted(standby)).every((c) => c.ok);
}

export async function measureOnce(
  connectors: Connectors,
  options: MonitorOptions,
  now: () => Date = () => new Date(),
): Promise<MonitorResult> {
  const problems: string[] = [];
  const standby = await connectors.standby().catch((err: unknown) => {
    problems.push(`standby unreachable: ${message(err)}`);
    return undefined;
  });
  if (!standby)
    return { lagSeconds: null, lagBytes: null, promoted: null, clock: null, problems, emf: emfLine([], now()) };
  const primary = await connectors.primary().catch((err: unknown) => {
    problems.push(`primary unreachable (lag measured on the standby's clock): ${message(err)}`);
    return undefined;
  });
  try {
    const promoted = await standbyPromoted(standby);
    // After promotion there is no replication to measure; the lag alarm stays in ALARM (expected on DR).
    const lag = promoted ? undefined : await measureLag(standby, primary, options);
    problems.push(...(lag?.problems ?? []));
    const metrics: MetricValue[] = [
      { name: "ReplicationLagSeconds", unit: "Seconds", value: lag?.seconds ?? null },
      { name: "ReplicationLagBytes", unit: "Bytes", value: lag?.bytes ?? null },
      { name: "StandbyPromoted", unit: "Count", value: promoted ? 1 : 0 },
    ];
    return {
      lagSeconds: lag?.seconds ?? null,
      lagBytes: lag?.bytes ?? null,
      promoted,
      clock: lag?.clock ?? null,
      problems,
      emf: emfLine(metrics, now()),
    };
  } catch (err) {
    problems.push(`measurement failed: ${message(err)}`);
    return { lagSeconds: null, lagBytes: null, promoted: null, clock: null, problems, emf: emfLine([], now()) };
  } finally {
    await Promise.all([standby.end().catch(() => undefined), primary?.end().catch(() => undefined)]);
  }
}
