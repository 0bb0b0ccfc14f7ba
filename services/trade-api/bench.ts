/**
 * Benchmarks for the trade API (figures are printed, never asserted in tests).
 *   runOrderBench:        POST /v1/orders over HTTP through the local adapter, embedded PostgreSQL,
 *                         N concurrent clients. Target p99 ≤ 20 ms.
 *   runLedgerVerifyBench: verification of a 1,000,000-entry ledger (every chain, five digests). Target ≤ 5 s.
 * Run alone: node -r ./tools/register.js services/trade-api/bench.ts
 */
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { startLocalTradeStack } from "../local/trade-stack";
import { startPostgres } from "../testing/embedded-postgres";
import { orderRecord } from "./bench-ledger-scale";
import type { Pool, PoolClient } from "pg";
import { canonicalJson, chainOf, entryHash, genesisHash } from "./domain/ledger";
import type { OrderRecord } from "./domain/order";
import { writeDigest } from "./store/digest-writer";
import { LEDGER_CHAINS, migrate } from "./store/migrations";
import { PgOrderStore } from "./store/pg-store";

export interface OrderBenchResult {
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  orders: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function runOrderBench(opts: { clients?: number; orders?: number } = {}): Promise<OrderBenchResult> {
  const clients = opts.clients ?? 8;
  const orders = opts.orders ?? 4000;
  const apiKey = `bench-${randomUUID()}`;
  // Audit events are built as in production but dropped, as an SNS publish would leave the process.
  const stack = await startLocalTradeStack({
    apiKey,
    port: 0,
    poolSize: clients,
    audit: { publish: async () => undefined },
  });
  // node:http with keep-alive: a lighter client than fetch, so the figures are the server's.
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const body = JSON.stringify({
    account: "BENCH-1",
    pair: "EUR/USD",
    side: "BUY",
    type: "MARKET",
    quantity: "1000.00",
  });
  const post = (key: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: stack.port,
          path: "/v1/orders",
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "x-api-key": apiKey,
            "idempotency-key": key,
          },
        },
        (res) => {
          res.resume();
          res.on("end", () =>
            res.statusCode === 201 ? resolve() : reject(new Error(`bench order answered ${res.statusCode}`)),
          );
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  try {
    for (let i = 0; i < 50; i += 1) await post(`warm-${i}`); // JIT, pool and key cache
    const latencies: number[] = [];
    const perClient = Math.ceil(orders / clients);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; i < perClient && c * perClient + i < orders; i += 1) {
          const t0 = performance.now();
          await post(`b-${c}-${i}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const elapsed = performance.now() - started;
    latencies.sort((a, b) => a - b);
    return {
      ordersPerSecond: round((latencies.length / elapsed) * 1000),
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      orders: latencies.length,
    };
  } finally {
    agent.destroy();
    await stack.stop();
  }
}

export interface LedgerVerifyBenchResult {
  entries: number;
  /** Over the default 2 connections. */
  verifyMs: number;
  /** Over one connection, as the Lambda verifies (DB_POOL_MAX=1, stacks/compose/services.ts). */
  oneConnectionMs: number;
}

export async function runLedgerVerifyBench(opts: { entries?: number } = {}): Promise<LedgerVerifyBenchResult> {
  const total = opts.entries ?? 1_000_000;
  const pg = await startPostgres();
  const pool = pg.pool("postgres", { max: 5 });
  pool.on("error", () => undefined); // idle connections die when the server stops
  try {
    await loadVerifyBenchLedger(pool, total);
    const store = new PgOrderStore(pool);
    const timed = async (connections: number) => {
      const t0 = performance.now();
      const verdict = await store.verifyLedger({ connections });
      const ms = performance.now() - t0;
      if (!verdict.valid || verdict.entries !== total)
        throw new Error(
          `bench ledger did not verify: ${JSON.stringify(verdict, (_, v) => (typeof v === "bigint" ? String(v) : v))}`,
        );
      return round(ms);
    };
    const verifyMs = await timed(2);
    const oneConnectionMs = await timed(1);
    return { entries: total, verifyMs, oneConnectionMs };
  } finally {
    await pool.end();
    await pg.stop();
  }
}

/**
 * Loads `total` valid entries spread over every chain by order id (as bookings land), in one
 * bulk transaction, with a digest after each quarter and one at the end (five digests).
 */
export async function loadVerifyBenchLedger(pool: Pool, total: number): Promise<void> {
  await migrate(pool);
  const db = await pool.connect();
  try {
    // A bulk-load session: triggers off (heads jump), one transaction.
    await db.query("set session_replication_role = replica");
    await db.query("begin");
    const heads = Array.from({ length: LEDGER_CHAINS + 1 }, (_, chain) => ({
      sequence: 0n,
      hash: genesisHash(chain),
    }));
    const batch = 10_000;
    for (let start = 0; start < total; start += batch) {
      const cols: [string[], string[], string[], string[], string[], string[], string[]] = [[], [], [], [], [], [], []];
      for (let n = start; n < Math.min(start + batch, total); n += 1) {
        const orderId = randomUUID();
        const chain = chainOf(orderId, LEDGER_CHAINS);
        // The ledger-scale bench's order, with this load's fixed client and booking times.
        const record: OrderRecord = {
          ...orderRecord(orderId, n),
          clientId: "bench",
          bookedAt: new Date(1_735_689_600_000 + n).toISOString(),
        };
        const payload = canonicalJson({ ...record });
        const head = heads[chain] as { sequence: bigint; hash: string };
        const sequence = head.sequence + 1n;
        const hash = entryHash(sequence, head.hash, payload, 2);
        cols[0].push(String(chain));
        cols[1].push(String(sequence));
        cols[2].push(orderId);
        cols[3].push("bench");
        cols[4].push(head.hash);
        cols[5].push(hash);
        cols[6].push(payload);
        heads[chain] = { sequence, hash };
      }
      await db.query(
        `insert into trade.ledger_entries (chain, sequence, order_id, client_id, prev_hash, hash, payload)
           select * from unnest($1::int[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        cols,
      );
      if (start % (total / 4) === 0) {
        // Digests along the way, as the schedule would have written them.
        await db.query("commit");
        await db.query("set session_replication_role = origin");
        await setHeads(db, heads);
        await writeDigest(pool);
        await db.query("set session_replication_role = replica");
        await db.query("begin");
      }
    }
    await db.query("commit");
    await db.query("set session_replication_role = origin");
    await setHeads(db, heads);
    await writeDigest(pool);
    await db.query("analyze trade.ledger_entries");
  } finally {
    db.release();
  }
}

/** Moves every chain head to where the bulk load left it (heads are forward-only: one by one is not needed here). */
async function setHeads(db: PoolClient, heads: readonly { sequence: bigint; hash: string }[]): Promise<void> {
  await db.query("alter table trade.ledger_chains disable trigger ledger_chains_forward_only");
  await db.query(
    `update trade.ledger_chains c set sequence = h.sequence, hash = h.hash, prev_hash = h.hash
     from unnest($1::int[], $2::bigint[], $3::text[]) as h(chain, sequence, hash) where c.chain = h.chain`,
    [heads.map((_, i) => i), heads.map((h) => String(h.sequence)), heads.map((h) => h.hash)],
  );
  await db.query("alter table trade.ledger_chains enable trigger ledger_chains_forward_only");
}

if (require.main === module) {
  (async () => {
    process.env.AWS_EC2_METADATA_DISABLED = "true";
    const order = await runOrderBench();
    process.stdout.write(`order bench: ${JSON.stringify(order)} (target p99 ≤ 20 ms)\n`);
    const verify = await runLedgerVerifyBench();
    process.stdout.write(`ledger verify bench: ${JSON.stringify(verify)} (target ≤ 5000 ms)\n`);
    process.exit(0);
  })().catch((err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).message ?? String(err)}\n`);
    process.exit(1);
  });
}
