/**
 * A trade API on real engines (embedded PostgreSQL 17 + dynalite) for tests and benchmarks.
 */
import type { Pool } from "pg";
import { MemoryAuditPublisher } from "../../shared/audit-event";
import { silentObservability } from "../../shared/observability";
import { startDynalite, type RunningDynalite } from "../../shared/testing/dynalite";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { createTradeApi, type TradeApi } from "../app";
import { ensureApiKeysTable, putApiKey } from "../api-keys-admin";
import { DynamoApiKeyStore } from "../auth";
import { StaticRateSource } from "../domain/pricing";
import { migrate } from "../store/migrations";
import { PgOrderStore } from "../store/pg-store";

export const TEST_API_KEY = "fxtest_E-JNyhCHjlCWHr_r2arL_vLTrqooMwI6DpF6QnqK86g";
export const TEST_CLIENT_ID = "client-test";
export const OTHER_API_KEY = "fxtest_opWk_pVVpzNdBuW5P4JOQgDmPYt_e0uMkjTEd604w-E";
export const OTHER_CLIENT_ID = "client-other";
export const API_KEYS_TABLE = "api-keys";

export interface TradeFixture {
  readonly pg: RunningPostgres;
  readonly dynamo: RunningDynalite;
  readonly pool: Pool;
  readonly store: PgOrderStore;
  readonly audit: MemoryAuditPublisher;
  readonly api: TradeApi;
  /** Ledger entries currently stored. */
  ledgerCount(): Promise<number>;
  stop(): Promise<void>;
}

export async function startTradeFixture(options: { poolSize?: number } = {}): Promise<TradeFixture> {
  const pg = await startPostgres();
  const dynamo = await startDynalite();
  const pool = pg.pool("postgres", { max: options.poolSize ?? 10 });
  await migrate(pool);
  const ddb = dynamo.client();
  await ensureApiKeysTable(ddb, API_KEYS_TABLE);
  await putApiKey(ddb, API_KEYS_TABLE, TEST_API_KEY, TEST_CLIENT_ID);
  await putApiKey(ddb, API_KEYS_TABLE, OTHER_API_KEY, OTHER_CLIENT_ID);
  const store = new PgOrderStore(pool);
  const audit = new MemoryAuditPublisher();
  const rates = new StaticRateSource();
  const api = createTradeApi({
    store,
    auth: { kind: "api-key", store: new DynamoApiKeyStore(ddb, API_KEYS_TABLE) },
    rates,
    allowedPairs: rates.pairs(),
    audit,
    observability: silentObservability("trade-api-test"),
  });
  return {
    pg,
    dynamo,
    pool,
    store,
    audit,
    api,
    async ledgerCount() {
      const { rows } = await pool.query<{ n: string }>("select count(*) as n from trade.ledger_entries");
      return Number(rows[0]?.n ?? 0);
    },
    async stop() {
      ddb.destroy();
      await pool.end();
      await dynamo.stop();
      await pg.stop();
    },
  };
}
