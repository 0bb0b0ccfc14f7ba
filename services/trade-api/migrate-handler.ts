/**
 * Lambda entry point that applies the ledger migrations (idempotent). Run it once per deploy
 * (e.g. invoked from the pipeline) with a role whose database user owns the `trade` schema;
 * the API function itself connects as a user granted only `trade_api_writer`.
 */
import { createObservability } from "../shared/observability";
import { loadDatabaseConfig } from "./config";
import { createPool } from "./handler";
import { migrate } from "./store/migrations";

const { logger } = createObservability({ serviceName: "trade-api-migrate" });

export async function handler(): Promise<{ applied: string[] }> {
  const pool = await createPool(loadDatabaseConfig(process.env), process.env);
  try {
    const applied = await migrate(pool);
    logger.info("migrations applied", { applied });
    return { applied };
  } finally {
    await pool.end();
  }
}
