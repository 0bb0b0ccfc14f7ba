/**
 * The ledger benchmark of the model that is deployed: N independent workers (Lambda
 * instances), each with its own single connection, each booking one order per transaction
 * through PgOrderStore, the store the Lambda handler uses; no in-process batching can happen
 * because no worker ever has two orders in flight. Embedded PostgreSQL 17 on the disk with
 * fsync on, so every commit pays a real WAL flush.
 *
 * Each booking stores its audit event in the outbox in the same statement, as the API's does
 * (migration 007); publishing it happens after the commit and is not part of a booking.
 *
 * In the same run, on the same server and with the same N, the raw rate: the same rows a
 * booking writes (idempotency key + ledger entry + outbox event), into tables with the same columns and
 * indexes, one statement and one commit per order, but no chaining (no head to lock).
 * ratio = orders/s ÷ raw/s: how much of the database's plain insert rate the ledger keeps.
 *
 * Where the time goes, printed under each line (Linux: /proc): the CPU the PostgreSQL server
 * (postmaster and every backend) and this client process spent per order and per raw insert, and
 * how often a booking found its home chain busy and took a neighbour (trade.book_order's
 * try-locks). On this machine the client and the server share the cores; deployed, each Lambda
 * instance has its own, so a line's client CPU is a cost of the bench, not of the ledger.
 *
 * Two models, one per deployed configuration:
 * - "proxy" (prod, the default): the workers reach the database through RDS Proxy, whose pool
 *   is sized to the writer's CPU (platform-rules/aurora.ts: 4 per vCPU wanted; prod opens 2 % of
 *   5,000 = 100 for 16 vCPU, 6.25 per vCPU). Modelled by one pool of that many connections per
 *   core of this machine (tools/bench/bench.ts reads prod's capacity range; default
 *   proxyPoolConnections(cores)) that every worker borrows from for its one transaction, as the
 *   proxy multiplexes client connections onto its pool at transaction boundaries; a worker whose
 *   transaction finds every connection busy waits for one (first come, first served here; the
 *   proxy documents no order). Each worker still has one order in flight, so nothing batches.
 * - "direct" (dev: platform:aurora.proxy disabled): each worker its own database connection.
 * The raw baseline runs the same way as the bookings in each model.
 *
 * Figures are printed (npm run bench -- --only ledger-scale), never asserted.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Pool } from "pg";
import { proxyPoolConnections } from "../../platform-rules/aurora";
import { newAuditEvent, type AuditEvent } from "../shared/audit-event";
import { startPostgres, type RunningPostgres } from "../testing/embedded-postgres";
import { canonicalJson } from "./domain/ledger";
import type { OrderRecord } from "./domain/order";
import { LEDGER_CHAINS, MIGRATIONS, migrate, type Migration } from "./store/migrations";
import { startDigestTimer } from "./store/digest-writer";
import { PgOrderStore } from "./store/pg-store";

export interface LedgerScaleLine {
  readonly workers: number;
  readonly ordersPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rawPerSecond: number;
  readonly ratio: number;
  readonly orders: number;
  /** p99 of the raw inserts: the floor the machine's commit latency sets. */
  readonly rawP99Ms: number;
  /** Where the time goes (undefined where /proc is not readable). */
  readonly cpu?: {
    /** PostgreSQL server CPU per order booked / per raw insert, µs. */
    readonly dbUsPerOrder: number;
    readonly dbUsPerRaw: number;
    /** This process's CPU (the workers' client side) per order / per raw insert, µs. */
    readonly clientUsPerOrder: number;
    readonly clientUsPerRaw: number;
  };
  /** Share of bookings whose home chain was busy, so they took one of the next chains. */
  readonly neighbourChainShare: number;
  /** The machine's 1-minute load average when this N finished (other processes share the cores). */
  readonly loadAverage: number;
}

/** Slices per N; the Ns take turns, each slice raw then booking. */
const SLICES = 4;

export interface DigestFigures {
  readonly intervalMs: number;
  readonly written: number;
  /** Largest gap between consecutive digests' times while the workers ran. */
  readonly maxGapMs: number;
}

export interface LedgerScaleResult {
  readonly lines: LedgerScaleLine[];
  readonly digests: DigestFigures;
  readonly model: LedgerScaleModel;
  /** Database connections the workers share in the proxy model; undefined in the direct model. */
  readonly proxyConnections?: number;
}

/** "proxy": prod, through RDS Proxy's CPU-sized pool; "direct": dev, one database connection per worker. */
export type LedgerScaleModel = "proxy" | "direct";

export interface LedgerScaleOptions {
  /** Worker counts, default [1, 8, 32, 64]. */
  readonly workers?: readonly number[];
  /** Measured seconds per phase (after a short warm-up), default 4. */
  readonly seconds?: number;
  /** Digest interval while the workers run, default 1000 ms. */
  readonly digestIntervalMs?: number;
  /** Schema to book on, default every migration (MIGRATIONS); a prefix measures an earlier release. */
  readonly migrations?: readonly Migration[];
  /** Default "proxy" (prod's deployed model). */
  readonly model?: LedgerScaleModel;
  /** The proxy model's pool, default proxyPoolConnections(this machine's cores): prod's sizing rule. */
  readonly proxyConnections?: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function orderRecord(orderId: string, n: number): OrderRecord {
  return {
    orderId,
    clientId: `bench-${n % 16}`,
    account: `ACC-${n % 97}`,
    pair: "EUR/USD",
    side: n % 2 ? "BUY" : "SELL",
    type: "MARKET",
    quantity: "1000.00",
    limitPrice: null,
    price: "1.08345",
    notional: "1083.45",
    notionalCurrency: "USD",
    rateSource: "static-table",
    bookedAt: new Date().toISOString(),
  };
}

interface Sample {
  readonly latencies: number[];
  elapsedMs: number;
  /** CPU µs over the sample's slices: the PostgreSQL server's and this process's. */
  dbCpuUs: number;
  clientCpuUs: number;
}

const newSample = (): Sample => ({ latencies: [], elapsedMs: 0, dbCpuUs: 0, clientCpuUs: 0 });

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/**
 * CPU µs spent so far by the PostgreSQL server: the postmaster and its children (backends, WAL
 * writer, checkpointer, ...), from /proc. Undefined where /proc is not readable (not Linux).
 */
function serverCpuUs(postmasterPid: number | undefined): number | undefined {
  if (postmasterPid === undefined) return undefined;
  let ticks = 0;
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // exited meanwhile
      }
      // Fields after "(comm)": state ppid ... utime (14th of the line) stime (15th).
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(entry) === postmasterPid || Number(f[1]) === postmasterPid) ticks += Number(f[11]) + Number(f[12]);
    }
  } catch {
    return undefined;
  }
  return (ticks * 1_000_000) / USER_HZ;
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 && existsSync("/proc") ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `op` on every worker for `ms`, each worker one operation at a time, into `sample`. */
async function drive(
  workers: number,
  ms: number,
  sample: Sample,
  op: (worker: number) => Promise<void>,
  server?: number,
): Promise<void> {
  const db0 = serverCpuUs(server);
  const client0 = process.cpuUsage();
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await op(w);
        sample.latencies.push(performance.now() - t0);
      }
    }),
  );
  sample.elapsedMs += performance.now() - started;
  const client = process.cpuUsage(client0);
  sample.clientCpuUs += client.user + client.system;
  const db1 = serverCpuUs(server);
  sample.dbCpuUs += db0 === undefined || db1 === undefined ? NaN : db1 - db0;
}

function summary(sample: Sample) {
  const sorted = [...sample.latencies].sort((a, b) => a - b);
  return {
    dbUs: sample.dbCpuUs / sorted.length,
    clientUs: sample.clientCpuUs / sorted.length,
    perSecond: (sorted.length / sample.elapsedMs) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    count: sorted.length,
  };
}

/** Copies of the tables a booking writes (same columns, defaults, indexes; no triggers). */
async function createRawTables(pool: Pool): Promise<void> {
  await pool.query(`
    create schema if not exists bench_raw;
    create table bench_raw.ledger_entries (like trade.ledger_entries including all);
    create table bench_raw.idempotency_keys (like trade.idempotency_keys including all);
    create table bench_raw.audit_outbox (like trade.audit_outbox including all);
  `);
}

const RAW_INSERT = `
  with k as (
    insert into bench_raw.idempotency_keys (client_id, idempotency_key, request_hash, order_id)
    values ($1, $2, $3, $4)
  ), o as (
    insert into bench_raw.audit_outbox (event_id, event) values (($9::jsonb->>'event_id')::uuid, $9::jsonb)
  )
  insert into bench_raw.ledger_entries (chain, sequence, order_id, client_id, prev_hash, hash, payload)
  values (1 + $5::bigint % ${LEDGER_CHAINS}, $5, $4, $1, $6, $7, $8)`;

/** The booking's audit event as app.ts builds it (the ledger position is added by the database). */
function bookingEvent(record: OrderRecord): AuditEvent {
  return newAuditEvent({
    source: "fx.trade-api",
    actor: record.clientId,
    action: "order.book",
    resource: `order/${record.orderId}`,
    outcome: "SUCCESS",
    data: { ...record },
  });
}

interface Workers {
  /** Where worker w sends its statements: its own connection (direct) or the shared pool (proxy). */
  readonly pools: readonly Pool[];
  readonly stores: readonly PgOrderStore[];
  end(): Promise<void>;
}

/**
 * N workers' connections. Direct: a one-connection pool each. Proxy: one pool of `proxyConnections`
 * that all borrow from per transaction; one store over it (PgOrderStore keeps no per-call state).
 */
function connectWorkers(pg: RunningPostgres, n: number, proxyConnections: number | undefined): Workers {
  // No idle timeout: while the other Ns take their turn, these connections wait, as a Lambda's do.
  const idleTimeoutMillis = 0;
  if (proxyConnections !== undefined) {
    const shared = pg.pool("postgres", { max: proxyConnections, idleTimeoutMillis }).on("error", () => undefined);
    const store = new PgOrderStore(shared);
    return { pools: Array(n).fill(shared), stores: Array(n).fill(store), end: () => shared.end() };
  }
  const pools = Array.from({ length: n }, () =>
    pg.pool("postgres", { max: 1, idleTimeoutMillis }).on("error", () => undefined),
  );
  return {
    pools,
    stores: pools.map((p) => new PgOrderStore(p)),
    end: async () => void (await Promise.all(pools.map((p) => p.end()))),
  };
}

export async function runLedgerScaleBench(opts: LedgerScaleOptions = {}): Promise<LedgerScaleResult> {
  const counts = opts.workers ?? [1, 8, 32, 64];
  const seconds = opts.seconds ?? 4;
  const model = opts.model ?? "proxy";
  const proxyConnections =
    model === "proxy" ? (opts.proxyConnections ?? proxyPoolConnections(availableParallelism())) : undefined;
  if (proxyConnections !== undefined && !(Number.isInteger(proxyConnections) && proxyConnections >= 1))
    throw new Error(`proxyConnections: must be a whole number of at least 1; got ${proxyConnections}`);
  // wal_init_zero off: a fresh server creates every 16 MB WAL segment anew and fills it with zeros
  // while holding the WAL write lock, stalling every commit for tens of milliseconds once per
  // segment (about every 2 s here); a server in steady state recycles its segments and Aurora has
  // no local WAL, so the bench measures the steady state. Durability is the same: fsync and
  // synchronous_commit stay on, every commit still waits for its flush.
  const pg = await startPostgres({
    scratch: "disk",
    settings: { fsync: "on", wal_init_zero: "off", max_connections: "200" },
  });
  const admin = pg.pool("postgres", { max: 2 }).on("error", () => undefined);
  const server = postmasterPid(pg.dataDir);
  const lines: LedgerScaleLine[] = [];
  try {
    await migrate(admin, opts.migrations ?? MIGRATIONS);
    await createRawTables(admin);
    const intervalMs = opts.digestIntervalMs ?? 1000;
    let digestError: unknown;
    const timer = startDigestTimer(admin, intervalMs, (err) => (digestError ??= err));
    // Every N gets its own workers (and, in the proxy model, its own pool), and the Ns take turns
    // slice by slice, raw then booking, so a drift in the machine's speed during the run hits
    // every N and both sides alike: the ratio and the N = 8 → 64 comparison are then like for like.
    let n = 0;
    const runs = counts.map((workers) => {
      const { pools, stores, end } = connectWorkers(pg, workers, proxyConnections);
      const rawOp = async (w: number) => {
        n += 1;
        const orderId = randomUUID();
        const record = orderRecord(orderId, n);
        const payload = canonicalJson({ ...record });
        const event = bookingEvent(record);
        event.data.ledgerChain = 1;
        event.data.ledgerSequence = n;
        event.data.ledgerHash = "0".repeat(64);
        await (pools[w] as Pool).query(RAW_INSERT, [
          `bench-${n % 16}`,
          `raw-${workers}-${n}`,
          "f".repeat(64),
          orderId,
          n,
          "0".repeat(64),
          randomUUID().replace(/-/g, "").repeat(2),
          payload,
          JSON.stringify(event),
        ]);
      };
      const bookOp = async (w: number) => {
        n += 1;
        const orderId = randomUUID();
        const i = n;
        await (stores[w] as PgOrderStore).book({
          clientId: `bench-${i % 16}`,
          idempotencyKey: `book-${workers}-${i}`,
          requestHash: "f".repeat(64),
          price: async () => orderRecord(orderId, i),
          audit: bookingEvent,
        });
      };
      return { workers, end, rawOp, bookOp, raw: newSample(), book: newSample(), loadAverage: NaN };
    });
    try {
      // Warm-up (connections, plans, JIT), not measured.
      for (const r of runs) {
        const scratch = newSample();
        await drive(r.workers, 300, scratch, r.rawOp);
        await drive(r.workers, 300, scratch, r.bookOp);
      }
      const bookedFrom = n;
      const sliceMs = (seconds * 1000) / SLICES;
      for (let slice = 0; slice < SLICES; slice += 1) {
        for (const r of runs) {
          await drive(r.workers, sliceMs, r.raw, r.rawOp, server);
          await drive(r.workers, sliceMs, r.book, r.bookOp, server);
          r.loadAverage = loadavg()[0] ?? NaN;
        }
      }
      for (const r of runs) {
        const neighbours = await admin.query<{ share: number | null }>(
          `select avg((e.chain <> trade.chain_of(e.order_id))::int)::float8 as share
           from trade.idempotency_keys k join trade.ledger_entries e on e.order_id = k.order_id
           where k.idempotency_key like $1 and split_part(k.idempotency_key, '-', 3)::bigint > $2`,
          [`book-${r.workers}-%`, bookedFrom],
        );
        const rawSummary = summary(r.raw);
        const booked = summary(r.book);
        lines.push({
          workers: r.workers,
          ordersPerSecond: round(booked.perSecond, 0),
          p50Ms: round(booked.p50),
          p99Ms: round(booked.p99),
          rawPerSecond: round(rawSummary.perSecond, 0),
          ratio: round(booked.perSecond / rawSummary.perSecond),
          orders: booked.count,
          rawP99Ms: round(rawSummary.p99),
          ...(Number.isFinite(booked.dbUs) && Number.isFinite(rawSummary.dbUs)
            ? {
                cpu: {
                  dbUsPerOrder: round(booked.dbUs, 0),
                  dbUsPerRaw: round(rawSummary.dbUs, 0),
                  clientUsPerOrder: round(booked.clientUs, 0),
                  clientUsPerRaw: round(rawSummary.clientUs, 0),
                },
              }
            : {}),
          neighbourChainShare: round(neighbours.rows[0]?.share ?? 0, 4),
          loadAverage: round(r.loadAverage, 1),
        });
      }
    } finally {
      await Promise.all(runs.map((r) => r.end()));
    }
    await timer.stop();
    if (digestError) throw digestError;
    const times = (
      await admin.query<{ t: Date }>("select created_at as t from trade.ledger_digests order by id")
    ).rows.map((r) => r.t.getTime());
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    return {
      lines,
      digests: { intervalMs, written: times.length, maxGapMs: Math.max(0, ...gaps) },
      model,
      ...(proxyConnections === undefined ? {} : { proxyConnections }),
    };
  } finally {
    await admin.end();
    await pg.stop();
  }
}

export function formatLedgerScaleLine(l: LedgerScaleLine): string {
  return `N=${l.workers} orders/s=${l.ordersPerSecond} p50=${l.p50Ms} ms p99=${l.p99Ms} ms raw/s=${l.rawPerSecond} ratio=${l.ratio}`;
}

/** Where the time went for one line: CPU per order and per raw insert, and home-chain collisions. */
export function formatLedgerScaleCost(l: LedgerScaleLine): string {
  const cpu = l.cpu
    ? `database CPU ${l.cpu.dbUsPerOrder} µs/order (raw ${l.cpu.dbUsPerRaw} µs/insert), ` +
      `bench client CPU ${l.cpu.clientUsPerOrder} µs/order (raw ${l.cpu.clientUsPerRaw})`
    : "CPU per order not measured (no /proc)";
  return `${cpu}; home chain busy for ${round(l.neighbourChainShare * 100, 1)} % of bookings (took a neighbour); load average ${l.loadAverage}`;
}

/** What a run measured through: the proxy's pool (and its size) or one connection per worker. */
export function formatLedgerScaleModel(r: Pick<LedgerScaleResult, "model" | "proxyConnections">): string {
  return r.model === "proxy"
    ? `through RDS Proxy (prod): N workers share a pool of ${r.proxyConnections} database connections (prod's pool per writer vCPU, platform-rules/aurora.ts, on this machine's ${availableParallelism()} cores)`
    : "direct (dev, platform:aurora.proxy disabled): one database connection per worker";
}

if (require.main === module) {
  const model = process.argv.includes("--direct") ? "direct" : "proxy";
  runLedgerScaleBench({ model })
    .then(({ lines, digests, ...run }) => {
      process.stdout.write(`${formatLedgerScaleModel(run)}\n`);
      for (const l of lines)
        process.stdout.write(
          `${formatLedgerScaleLine(l)}  (raw p99=${l.rawP99Ms} ms)\n    ${formatLedgerScaleCost(l)}\n`,
        );
      process.stdout.write(
        `digests every ${digests.intervalMs} ms: ${digests.written} written, largest gap ${digests.maxGapMs} ms\n`,
      );
      process.exit(0);
    })
    .catch((err: unknown) => {
      process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    });
}
