/**
 * The whole trade API on this machine: embedded PostgreSQL 17, dynalite for the api-keys
 * table, and the Lambda handler behind the local HTTP adapter. Used by `npm run dev:api` and
 * the benchmarks. The audit publisher is injected, so nothing here ever calls AWS.
 */
import type { AddressInfo } from "node:net";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { MemoryAuditPublisher, type AuditPublisher } from "../shared/audit-event";
import { silentObservability, type Observability } from "../shared/observability";
import { startDynalite } from "../shared/testing/dynalite";
import { startPostgres } from "../testing/embedded-postgres";
import { ensureApiKeysTable, putApiKey } from "../trade-api/api-keys-admin";
import { createTradeApi } from "../trade-api/app";
import { CachingApiKeyStore, DynamoApiKeyStore } from "../trade-api/auth";
import { StaticRateSource } from "../trade-api/domain/pricing";
import { startDigestTimer } from "../trade-api/store/digest-writer";
import { migrate } from "../trade-api/store/migrations";
import { PgOrderStore } from "../trade-api/store/pg-store";
import { createLocalServer } from "./adapter";

export const LOCAL_API_KEYS_TABLE = "trade-api-keys";
export const LOCAL_CLIENT_ID = "local-dev";

export interface LocalTradeStackOptions {
  /** Keep PostgreSQL and dynalite data under this directory. Default: temporary, removed on stop. */
  readonly dataDir?: string;
  /** API key seeded (hashed) into the api-keys table. */
  readonly apiKey: string;
  /** HTTP port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** Default: silent. */
  readonly observability?: Observability;
  /** Default: an in-memory collector. */
  readonly audit?: AuditPublisher;
  /** Default 10. */
  readonly poolSize?: number;
  /** How long accepted API keys are cached, as in Lambda. Default 60 000 ms; 0 turns it off. */
  readonly apiKeyCacheTtlMs?: number;
  /** Told what start-up recovery does (e.g. stopping PostgreSQL left by a killed run). Default: silent. */
  readonly log?: (message: string) => void;
  /** Ledger digest interval, as the AWS schedule's (so proofs work locally). Default 60 000 ms. */
  readonly digestIntervalMs?: number;
}

export interface LocalTradeStack {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export async function startLocalTradeStack(options: LocalTradeStackOptions): Promise<LocalTradeStack> {
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    if (options.dataDir) await mkdir(join(options.dataDir, "dynamo"), { recursive: true });
    const pg = await startPostgres(options.dataDir ? { dataDir: join(options.dataDir, "pg"), log: options.log } : {});
    cleanups.push(() => pg.stop());
    const dynamo = await startDynalite(options.dataDir ? { path: join(options.dataDir, "dynamo") } : {});
    cleanups.push(() => dynamo.stop());
    const pool = pg.pool("postgres", { max: options.poolSize ?? 10 });
    cleanups.push(() => pool.end());
    await migrate(pool);
    const digests = startDigestTimer(pool, options.digestIntervalMs ?? 60_000, (err) =>
      (options.observability ?? silentObservability("trade-api-local")).logger.error("ledger digest not written", {
        error: err as Error,
      }),
    );
    cleanups.push(() => digests.stop());
    const ddb = dynamo.client();
    cleanups.push(async () => ddb.destroy());
    await ensureApiKeysTable(ddb, LOCAL_API_KEYS_TABLE);
    await putApiKey(ddb, LOCAL_API_KEYS_TABLE, options.apiKey, LOCAL_CLIENT_ID);

    const observability = options.observability ?? silentObservability("trade-api-local");
    const rates = new StaticRateSource();
    const api = createTradeApi({
      store: new PgOrderStore(pool, (err) =>
        observability.logger.warn("idle database connection lost", { error: err }),
      ),
      // No gateway authorizer here: the function runs the authorizer's own key check.
      auth: {
        kind: "api-key",
        store: new CachingApiKeyStore(
          new DynamoApiKeyStore(ddb, LOCAL_API_KEYS_TABLE),
          options.apiKeyCacheTtlMs ?? 60_000,
        ),
      },
      rates,
      allowedPairs: rates.pairs(),
      audit: options.audit ?? new MemoryAuditPublisher(),
      observability,
    });
    const server = createLocalServer(api, {
      onError: (err) => observability.logger.error("handler crashed", { error: err as Error }),
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, "127.0.0.1", () => resolve());
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const port = (server.address() as AddressInfo).port;
    return { url: `http://127.0.0.1:${port}`, port, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
