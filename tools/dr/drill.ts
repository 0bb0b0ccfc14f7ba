/**
 * `npm run dr:drill`: a failover drill on this machine, measured.
 *
 * Two embedded PostgreSQL 17 servers replicate as deployed: the trade-api migrations and the DR
 * migrations (services/dr/migrations/fx) on both, publication and subscription set up with the
 * `dr` CLI as the replication login dr_repl (failover slot), and the heartbeat written by the
 * dr-heartbeat job's own SQL (read from services/dr/migrations/cron) at the job's interval.
 * Embedded PostgreSQL has no pg_cron, so this process plays pg_cron's part: it runs that SQL in a
 * plain session on a timer; nothing else differs. It has no TLS either, so the subscription uses
 * --allow-plaintext-replication (production: sslmode=verify-full).
 *
 * Clients book orders through the trade API (createTradeApi + PgOrderStore, the code Lambda and
 * the Azure Functions run) on the primary; at a random moment the primary's postmaster is
 * SIGKILLed. The promotion then runs the failover runbook's "primary down" block
 * (docs/runbooks/failover.md, `<!-- drill: promote-primary-down -->`) through the same CLI, in
 * the same order. Printed: orders acknowledged on the primary but missing on the standby, the
 * RPO in seconds of heartbeat, the time from the kill to a standby that books orders, and the
 * standby's ledger verification. Exit 1 when the RPO or the local part of the RTO (the
 * promotion budget, platform:dr.promotionMinutes) is exceeded, or the ledger does not verify.
 *
 *   npm run dr:drill [-- --load-seconds 5 --heartbeat-seconds 10 --clients 4 --stack prod]
 */
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { Pool } from "pg";
import { runCli } from "../../services/dr/cli";
import { readHeartbeatJob } from "../../services/dr/heartbeat-job";
import { connect, createRunner } from "../../services/dr/runner";
import { applyMigrations, readMigrations } from "../../services/dr/schema";
import { MemoryAuditPublisher } from "../../services/shared/audit-event";
import { silentObservability } from "../../services/shared/observability";
import { startPostgres, type RunningPostgres } from "../../services/testing/embedded-postgres";
import { createTradeApi, type TradeApi } from "../../services/trade-api/app";
import { hashApiKey, StaticApiKeyStore } from "../../services/trade-api/auth";
import { StaticRateSource } from "../../services/trade-api/domain/pricing";
import { migrate } from "../../services/trade-api/store/migrations";
import { PgOrderStore } from "../../services/trade-api/store/pg-store";
import { MARKET_ORDER, orderEvent } from "../../services/trade-api/testing/events";
import { parseStackConfig } from "../../stacks/config";
import { readStackConfig } from "../../stacks/offline/stack-file";
import { drArgv, ROOT, runbookCommands } from "./runbook";

export interface DrillOptions {
  /** The kill happens at a random moment in [loadSeconds / 2, loadSeconds]. */
  readonly loadSeconds: number;
  /** Heartbeat interval; default the dr-heartbeat job's own. */
  readonly heartbeatSeconds?: number;
  readonly clients: number;
  /** Stack whose platform:dr objectives the figures are held to. */
  readonly stack: string;
  readonly log: (line: string) => void;
}

export interface DrillResult {
  readonly acknowledged: number;
  readonly missingOnStandby: number;
  /** Kill time minus the last heartbeat the standby had applied. */
  readonly rpoSeconds: number;
  /** Kill to the first order booked on the promoted standby. */
  readonly rtoLocalSeconds: number;
  readonly ledgerValid: boolean;
  readonly ledgerEntries: number;
  readonly objectives: { readonly rpoSeconds: number; readonly promotionSeconds: number };
  readonly commands: ReadonlyArray<{ readonly argv: readonly string[]; readonly code: number }>;
  readonly withinObjectives: boolean;
}

const API_KEY = "fxtest_9uGjDOM3dj8iqaYHFjYB2yI3xrYoLayA42obON-qlP0";
const CLIENT_ID = "drill-client";
const SETTINGS = {
  wal_level: "logical",
  max_replication_slots: "10",
  max_wal_senders: "10",
  max_worker_processes: "16",
  wal_retrieve_retry_interval: "50ms",
};
const DATABASE = "fx";
const REPLICATION_PASSWORD = "drill-replication-password-0123";

function tradeApi(pool: Pool): { api: TradeApi; store: PgOrderStore } {
  const store = new PgOrderStore(pool);
  const rates = new StaticRateSource();
  const api = createTradeApi({
    store,
    auth: { kind: "api-key", store: new StaticApiKeyStore(new Map([[hashApiKey(API_KEY), { clientId: CLIENT_ID }]])) },
    rates,
    allowedPairs: rates.pairs(),
    audit: new MemoryAuditPublisher(),
    observability: silentObservability("dr-drill"),
  });
  return { api, store };
}

const book = (api: TradeApi) => api(orderEvent(MARKET_ORDER, { "x-api-key": API_KEY }));

/** SIGKILLs the server's postmaster: what a lost region looks like from the standby. */
function killServer(pg: RunningPostgres): number {
  const pid = Number(readFileSync(`${pg.dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
  process.kill(pid, "SIGKILL");
  return pid;
}

/** The runbook's promotion block for a dead primary, as argv lists for the dr CLI. */
export function promotionSteps(
  env: Readonly<Record<string, string>>,
): Array<{ argv: string[]; mayFail: boolean; text: string }> {
  const steps = runbookCommands(ROOT).filter(
    (c) => c.file === "docs/runbooks/failover.md" && c.drill === "promote-primary-down",
  );
  if (steps.length === 0)
    throw new Error("docs/runbooks/failover.md has no <!-- drill: promote-primary-down --> block");
  return steps.map((c) => {
    const argv = drArgv(c.text, env);
    if (!argv)
      throw new Error(`${c.file}:${c.line}: the drill block may only hold npm run dr -- … calls; got ${c.text}`);
    // A step whose comment documents an expected exit 1 (e.g. lag with the primary gone) is reported, not required.
    return { argv, mayFail: /exit 1 (=|is expected)/.test(c.comment), text: c.text };
  });
}

/** Whether the measured figures meet the objectives; each failure named. Pure. */
export function drillVerdict(
  measured: { readonly rpoSeconds: number; readonly rtoLocalSeconds: number; readonly ledgerValid: boolean },
  objectives: { readonly rpoSeconds: number; readonly promotionSeconds: number },
): string[] {
  const problems: string[] = [];
  if (measured.rpoSeconds > objectives.rpoSeconds)
    problems.push(
      `RPO ${measured.rpoSeconds.toFixed(1)} s is over the objective of ${objectives.rpoSeconds} s (platform:dr.rpoMinutes)`,
    );
  if (measured.rtoLocalSeconds > objectives.promotionSeconds)
    problems.push(
      `kill to booking ${measured.rtoLocalSeconds.toFixed(1)} s is over the promotion budget of ` +
        `${objectives.promotionSeconds} s (platform:dr.promotionMinutes)`,
    );
  if (!measured.ledgerValid) problems.push("the standby's ledger does not verify");
  return problems;
}

export async function runDrill(options: DrillOptions): Promise<DrillResult> {
  const log = options.log;
  const config = parseStackConfig("platform", options.stack, readStackConfig(options.stack));
  const objectives = { rpoSeconds: config.dr.rpoMinutes * 60, promotionSeconds: config.dr.promotionMinutes * 60 };
  const job = await readHeartbeatJob();
  const heartbeatMs = (options.heartbeatSeconds ?? job.intervalSeconds) * 1000;
  const [primary, standby] = await Promise.all([
    startPostgres({ settings: SETTINGS }),
    startPostgres({ settings: SETTINGS }),
  ]);
  const pools: Pool[] = [];
  let primaryDead = false;
  try {
    await Promise.all([primary.createDatabase(DATABASE), standby.createDatabase(DATABASE)]);
    const drMigrations = await readMigrations(`${ROOT}/services/dr/migrations/fx`);
    for (const [pg, side] of [
      [primary, "primary"],
      [standby, "standby"],
    ] as const) {
      const pool = pg.pool(DATABASE, { max: options.clients + 2 });
      pools.push(pool);
      await migrate(pool);
      const operator = await connect(pg.connectionString(DATABASE), "dr-drill");
      await applyMigrations(operator, createRunner(), side, drMigrations);
      await operator.query(`alter role dr_repl password '${REPLICATION_PASSWORD}'`);
      await operator.end();
    }
    const [primaryPool, standbyPool] = pools as [Pool, Pool];
    const viaReplicationLogin = new URL(primary.connectionString(DATABASE));
    viaReplicationLogin.username = "dr_repl";
    const env = {
      PRIMARY_DATABASE_URL: primary.connectionString(DATABASE),
      STANDBY_DATABASE_URL: standby.connectionString(DATABASE),
      DR_SUBSCRIPTION_CONNINFO: viaReplicationLogin.toString(),
      DR_REPLICATION_PASSWORD: REPLICATION_PASSWORD,
    };
    const quiet = { out: () => undefined, err: (line: string) => log(`  ! ${line}`) };
    for (const argv of [
      ["setup-publication", "--schemas", "trade"],
      ["setup-subscription", "--reset-standby", "--allow-plaintext-replication"],
    ]) {
      const code = await runCli(argv, env, quiet);
      if (code !== 0) throw new Error(`dr ${argv.join(" ")} exited ${code}`);
    }
    log(
      `dr drill: primary 127.0.0.1:${primary.port}, standby 127.0.0.1:${standby.port}, database ${DATABASE}, replicating as dr_repl (failover slot)`,
    );
    log(
      `heartbeat: the ${job.name} job's SQL (${job.command}) every ${heartbeatMs / 1000} s on the primary, run by this process in place of pg_cron`,
    );

    // pg_cron's part: a plain session (not the operator's), so the fence and the subscription check apply.
    let beating = true;
    const beater = (async () => {
      while (beating) {
        await primaryPool.query(job.command).catch(() => undefined);
        await new Promise((r) => setTimeout(r, heartbeatMs));
      }
    })();
    // The subscription's initial copy finishes before the load, as in production.
    const ready = Date.now() + 30_000;
    while ((await runCli(["verify", "--json"], env, { out: () => undefined, err: () => undefined })) !== 0) {
      if (Date.now() > ready) throw new Error("replication did not become healthy within 30 s (dr verify)");
      await new Promise((r) => setTimeout(r, 200));
    }

    const { api } = tradeApi(primaryPool);
    const acknowledged: string[] = [];
    const killAfterMs = Math.round((options.loadSeconds / 2 + Math.random() * (options.loadSeconds / 2)) * 1000);
    log(
      `load: ${options.clients} clients booking through the trade API on the primary; kill at ` +
        `+${(killAfterMs / 1000).toFixed(2)} s (random in [${options.loadSeconds / 2}, ` +
        `${options.loadSeconds}] s)`,
    );
    const loadStart = Date.now();
    const clients = Array.from({ length: options.clients }, async () => {
      while (!primaryDead) {
        const res = await book(api).catch(() => undefined);
        if (res?.statusCode === 201 && !primaryDead)
          acknowledged.push((JSON.parse(res.body) as { orderId: string }).orderId);
      }
    });
    await new Promise((r) => setTimeout(r, killAfterMs));
    const ackedAtKill = acknowledged.length;
    const killedAt = Date.now();
    const pid = killServer(primary);
    primaryDead = true;
    beating = false;
    log(
      `killed the primary (SIGKILL, postmaster pid ${pid}) after ${((killedAt - loadStart) / 1000).toFixed(2)} s and ${ackedAtKill} acknowledged orders`,
    );
    await Promise.allSettled([...clients, beater]);
    const acked = acknowledged.slice(0, ackedAtKill);

    log("runbook docs/runbooks/failover.md section 4, primary down (same CLI, same order):");
    const commands: Array<{ argv: string[]; code: number }> = [];
    for (const step of promotionSteps(env)) {
      const lines: string[] = [];
      const code = await runCli(step.argv, env, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
      commands.push({ argv: step.argv, code });
      log(`  $ npm run dr -- ${step.argv.join(" ")}   -> exit ${code}`);
      for (const l of lines) log(`      ${l}`);
      if (code !== 0 && !step.mayFail) throw new Error(`the runbook step "${step.text}" exited ${code}`);
    }

    const standbyApi = tradeApi(standbyPool);
    let bookedAt: number | undefined;
    const deadline = Date.now() + 60_000;
    while (bookedAt === undefined) {
      const res = await book(standbyApi.api).catch(() => undefined);
      if (res?.statusCode === 201) bookedAt = Date.now();
      else if (Date.now() > deadline)
        throw new Error(`the promoted standby books no orders (last status ${res?.statusCode ?? "none"})`);
    }
    const beat = await standbyPool.query("select beat::text as beat, written_at from dr.heartbeat where id = 1");
    const resumed = await standbyPool.query(job.command);
    const lastBeat = beat.rows[0] as { beat: string; written_at: Date };
    // The standby's heartbeat was last written by the old primary only if nothing wrote since the
    // promotion; the drill's booking loop does not write it, and the job run below is after the read.
    const rpoSeconds = Math.max(0, (killedAt - lastBeat.written_at.getTime()) / 1000);
    let missing = 0;
    for (const orderId of acked) if (!(await standbyApi.store.getOrder(CLIENT_ID, orderId))) missing++;
    const verdict = await standbyApi.store.verifyLedger();
    const rtoLocalSeconds = (bookedAt - killedAt) / 1000;
    const problems = drillVerdict({ rpoSeconds, rtoLocalSeconds, ledgerValid: verdict.valid }, objectives);
    const within = problems.length === 0;

    log("measured:");
    log(`  orders acknowledged on the primary but missing on the standby: ${missing} of ${acked.length}`);
    log(
      `  RPO: ${rpoSeconds.toFixed(1)} s (kill − last replicated heartbeat ${lastBeat.beat}; objective ${objectives.rpoSeconds} s, platform:dr.rpoMinutes)`,
    );
    log(
      `  kill → a standby that books orders: ${rtoLocalSeconds.toFixed(1)} s (local part of the ` +
        `RTO; budget ${objectives.promotionSeconds} s, platform:dr.promotionMinutes)`,
    );
    log(
      `  ledger verification on the standby: ` +
        `${verdict.valid ? "valid" : `INVALID (${JSON.stringify(verdict.problem)})`}, ` +
        `${verdict.entries} entries, head ${verdict.headHash.slice(0, 12)}…`,
    );
    log(
      `  heartbeat resumes on the new primary: beat ${(resumed.rows[0] as Record<string, unknown>)?.write_heartbeat ?? "none"}`,
    );
    log(
      `result: ${within ? "within the objectives" : `OVER the objectives: ${problems.join("; ")}`} (${options.stack} stack)`,
    );
    return {
      acknowledged: acked.length,
      missingOnStandby: missing,
      rpoSeconds,
      rtoLocalSeconds,
      ledgerValid: verdict.valid,
      ledgerEntries: verdict.entries,
      objectives,
      commands,
      withinObjectives: within,
    };
  } finally {
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
    await standby.stop().catch(() => undefined);
    // embedded-postgres's stop() waits for an exit event the killed server already sent: remove its data instead.
    if (primaryDead) await rm(primary.dataDir, { recursive: true, force: true });
    else await primary.stop().catch(() => undefined);
  }
}

if (require.main === module) {
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  let flags;
  try {
    flags = parseArgs({
      options: {
        "load-seconds": { type: "string", default: "5" },
        "heartbeat-seconds": { type: "string" },
        clients: { type: "string", default: "4" },
        stack: { type: "string", default: "prod" },
      },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(
      `dr:drill: ${(error as Error).message}\nusage: npm run dr:drill [-- --load-seconds 5 --heartbeat-seconds N --clients 4 --stack prod]\n`,
    );
    process.exit(2);
  }
  const number = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) {
      process.stderr.write(`dr:drill: --${name} must be a positive number; got "${raw}"\n`);
      process.exit(2);
    }
    return n;
  };
  runDrill({
    loadSeconds: number("load-seconds", flags["load-seconds"]) ?? 5,
    heartbeatSeconds: number("heartbeat-seconds", flags["heartbeat-seconds"]),
    clients: Math.round(number("clients", flags.clients) ?? 4),
    stack: flags.stack ?? "prod",
    log: (line) => process.stdout.write(`${line}\n`),
  }).then(
    (r) => (process.exitCode = r.withinObjectives ? 0 : 1),
    (error: unknown) => {
      process.stderr.write(`dr:drill failed: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
