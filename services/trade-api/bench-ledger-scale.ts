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
 * Figures are printed (npm run bench -- --only ledger-scale), never asserted.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Pool } from "pg";
import { newAuditEvent, type AuditEvent } from "../shared/audit-event";
import { startPostgres, type RunningPostgres } from "../testing/embedded-postgres";
import { canonicalJson } from "./domain/ledger";
import type { OrderRecord } from "./domain/order";
import { LEDGER_CHAINS, migrate } from "./store/migrations";
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
}

/** Alternating raw/booking slices per N. */
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
}

export interface LedgerScaleOptions {
  /** Worker counts, default [1, 8, 32, 64]. */
  readonly workers?: readonly number[];
  /** Measured seconds per phase (after a short warm-up), default 4. */
  readonly seconds?: number;
  /** Digest interval while the workers run, default 1000 ms. */
  readonly digestIntervalMs?: number;
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
}

/** Runs `op` on every worker for `ms`, each worker one operation at a time, into `sample`. */
async function drive(
  workers: number,
  ms: number,
  sample: Sample,
  op: (worker: number) => Promise<void>,
): Promise<void> {
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
}

function summary(sample: Sample) {
  const sorted = [...sample.latencies].sort((a, b) => a - b);
  return {
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

function workerPools(pg: RunningPostgres, n: number): Pool[] {
  return Array.from({ length: n }, () => pg.pool("postgres", { max: 1 }).on("error", () => undefined));
}

export async function runLedgerScaleBench(opts: LedgerScaleOptions = {}): Promise<LedgerScaleResult> {
  const counts = opts.workers ?? [1, 8, 32, 64];
  const seconds = opts.seconds ?? 4;
  const pg = await startPostgres({ scratch: "disk", settings: { fsync: "on", max_connections: "200" } });
  const admin = pg.pool("postgres", { max: 2 }).on("error", () => undefined);
  const lines: LedgerScaleLine[] = [];
  try {
    await migrate(admin);
    await createRawTables(admin);
    const intervalMs = opts.digestIntervalMs ?? 1000;
    let digestError: unknown;
    const timer = startDigestTimer(admin, intervalMs, (err) => (digestError ??= err));
    for (const workers of counts) {
      const pools = workerPools(pg, workers);
      try {
        const stores = pools.map((p) => new PgOrderStore(p));
        let n = 0;
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
            n + workers * 10_000_000,
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
        // Warm-up (connections, plans, JIT), then raw and booking in alternating slices, so a
        // change in the machine's load during the run hits both sides alike.
        const scratch: Sample = { latencies: [], elapsedMs: 0 };
        await drive(workers, 300, scratch, rawOp);
        await drive(workers, 300, scratch, bookOp);
        const raw: Sample = { latencies: [], elapsedMs: 0 };
        const book: Sample = { latencies: [], elapsedMs: 0 };
        for (let slice = 0; slice < SLICES; slice += 1) {
          await drive(workers, (seconds * 1000) / SLICES, raw, rawOp);
          await drive(workers, (seconds * 1000) / SLICES, book, bookOp);
        }
        const rawSummary = summary(raw);
        const booked = summary(book);
        const rawPerSecond = rawSummary.perSecond;
        lines.push({
          workers,
          ordersPerSecond: round(booked.perSecond, 0),
          p50Ms: round(booked.p50),
          p99Ms: round(booked.p99),
          rawPerSecond: round(rawPerSecond, 0),
          ratio: round(booked.perSecond / rawPerSecond),
          orders: booked.count,
          rawP99Ms: round(rawSummary.p99),
        });
      } finally {
        await Promise.all(pools.map((p) => p.end()));
      }
    }
    await timer.stop();
    if (digestError) throw digestError;
    const times = (
      await admin.query<{ t: Date }>("select created_at as t from trade.ledger_digests order by id")
    ).rows.map((r) => r.t.getTime());
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    return { lines, digests: { intervalMs, written: times.length, maxGapMs: Math.max(0, ...gaps) } };
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
    .then(({ lines, digests }) => {
      for (const l of lines) process.stdout.write(`${formatLedgerScaleLine(l)}  (raw p99=${l.rawP99Ms} ms)\n`);
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
