/**
 * The ledger benchmark of the model that is deployed: N independent workers (Lambda
 * instances), each with its own single connection, each booking one order per transaction
 * through PgOrderStore, the store the Lambda handler uses; no in-process batching can happen
 * because no worker ever has two orders in flight. Embedded PostgreSQL 17 on the disk with
 * fsync on, so every commit pays a real WAL flush.
 *
 * In the same run, on the same server and with the same N, the raw rate: the same rows a
 * booking writes (idempotency key + ledger entry), into tables with the same columns and
 * indexes, one statement and one commit per order, but no chaining (no head to lock).
 * ratio = orders/s ÷ raw/s: how much of the database's plain insert rate the ledger keeps.
 *
 * Figures are printed (npm run bench -- --only ledger-scale), never asserted.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Pool } from "pg";
import { startPostgres, type RunningPostgres } from "../testing/embedded-postgres";
import { canonicalJson } from "./domain/ledger";
import type { OrderRecord } from "./domain/order";
import { migrate } from "./store/migrations";
import { PgOrderStore } from "./store/pg-store";

export interface LedgerScaleLine {
  readonly workers: number;
  readonly ordersPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rawPerSecond: number;
  readonly ratio: number;
  readonly orders: number;
}

export interface LedgerScaleOptions {
  /** Worker counts, default [1, 8, 32, 64]. */
  readonly workers?: readonly number[];
  /** Measured seconds per phase (after a short warm-up), default 4. */
  readonly seconds?: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function orderRecord(orderId: string, n: number): OrderRecord {
  return {
    orderId, clientId: `bench-${n % 16}`, account: `ACC-${n % 97}`, pair: "EUR/USD", side: n % 2 ? "BUY" : "SELL",
    type: "MARKET", quantity: "1000.00", limitPrice: null, price: "1.08345", notional: "1083.45",
    notionalCurrency: "USD", rateSource: "static-table", bookedAt: new Date().toISOString(),
  };
}

/** Runs `op` on every worker for `seconds`, each worker one operation at a time. */
async function drive(workers: number, seconds: number, op: (worker: number, n: number) => Promise<void>) {
  const latencies: number[] = [];
  let counter = 0;
  const warmUntil = performance.now() + 300;
  const warm = () => Promise.all(Array.from({ length: workers }, async (_, w) => {
    while (performance.now() < warmUntil) await op(w, (counter += 1));
  }));
  await warm();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await op(w, (counter += 1));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { perSecond: (latencies.length / elapsed) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length };
}

/** Copies of the tables a booking writes (same columns, defaults, indexes; no triggers). */
async function createRawTables(pool: Pool): Promise<void> {
  await pool.query(`
    create schema if not exists bench_raw;
    create table bench_raw.ledger_entries (like trade.ledger_entries including all);
    create table bench_raw.idempotency_keys (like trade.idempotency_keys including all);
  `);
}

const RAW_INSERT = `
  with k as (
    insert into bench_raw.idempotency_keys (client_id, idempotency_key, request_hash, order_id)
    values ($1, $2, $3, $4)
  )
  insert into bench_raw.ledger_entries (sequence, order_id, client_id, prev_hash, hash, payload)
  values ($5, $4, $1, $6, $7, $8)`;

function workerPools(pg: RunningPostgres, n: number): Pool[] {
  return Array.from({ length: n }, () => pg.pool("postgres", { max: 1 }).on("error", () => undefined));
}

export async function runLedgerScaleBench(opts: LedgerScaleOptions = {}): Promise<LedgerScaleLine[]> {
  const counts = opts.workers ?? [1, 8, 32, 64];
  const seconds = opts.seconds ?? 4;
  const pg = await startPostgres({ scratch: "disk", settings: { fsync: "on", max_connections: "200" } });
  const admin = pg.pool("postgres", { max: 2 }).on("error", () => undefined);
  const lines: LedgerScaleLine[] = [];
  let rawSequence = 0;
  try {
    await migrate(admin);
    await createRawTables(admin);
    for (const workers of counts) {
      const pools = workerPools(pg, workers);
      try {
        const raw = await drive(workers, seconds, async (w, n) => {
          const orderId = randomUUID();
          const payload = canonicalJson({ ...orderRecord(orderId, n) });
          rawSequence += 1;
          await (pools[w] as Pool).query(RAW_INSERT, [
            `bench-${n % 16}`, `raw-${workers}-${n}`, "f".repeat(64), orderId, rawSequence, "0".repeat(64), randomUUID().replace(/-/g, "").repeat(2), payload,
          ]);
        });
        const stores = pools.map((p) => new PgOrderStore(p));
        const booked = await drive(workers, seconds, async (w, n) => {
          const orderId = randomUUID();
          await (stores[w] as PgOrderStore).book({
            clientId: `bench-${n % 16}`, idempotencyKey: `book-${workers}-${n}`, requestHash: "f".repeat(64),
            price: async () => orderRecord(orderId, n),
          });
        });
        lines.push({
          workers, ordersPerSecond: round(booked.perSecond, 0), p50Ms: round(booked.p50), p99Ms: round(booked.p99),
          rawPerSecond: round(raw.perSecond, 0), ratio: round(booked.perSecond / raw.perSecond), orders: booked.count,
        });
      } finally {
        await Promise.all(pools.map((p) => p.end()));
      }
    }
    return lines;
  } finally {
    await admin.end();
    await pg.stop();
  }
}

export function formatLedgerScaleLine(l: LedgerScaleLine): string {
  return `N=${l.workers} orders/s=${l.ordersPerSecond} p50=${l.p50Ms} ms p99=${l.p99Ms} ms raw/s=${l.rawPerSecond} ratio=${l.ratio}`;
}

if (require.main === module) {
  runLedgerScaleBench()
    .then((lines) => {
      for (const l of lines) process.stdout.write(`${formatLedgerScaleLine(l)}\n`);
      process.exit(0);
    })
    .catch((err: unknown) => {
      process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    });
}
