/**
 * Child process of store/outbox-crash.test.ts: books one order through createTradeApi (what the
 * Lambda runs) against DATABASE_URL, with an audit publisher that kills the process with SIGKILL
 * the moment the relay calls it: after the booking committed, before anything was published.
 * Prints "crashing-before-publish" first, so the parent knows the relay was reached.
 */
import { Pool } from "pg";
import { silentObservability } from "../../shared/observability";
import { createTradeApi } from "../app";
import { hashApiKey, StaticApiKeyStore } from "../auth";
import { StaticRateSource } from "../domain/pricing";
import { PgOrderStore } from "../store/pg-store";
import { MARKET_ORDER, orderEvent } from "./events";
import { TEST_API_KEY, TEST_CLIENT_ID } from "./fixture";

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  const rates = new StaticRateSource();
  const api = createTradeApi({
    store: new PgOrderStore(pool),
    auth: {
      kind: "api-key",
      store: new StaticApiKeyStore(new Map([[hashApiKey(TEST_API_KEY), { clientId: TEST_CLIENT_ID }]])),
    },
    rates,
    allowedPairs: rates.pairs(),
    audit: {
      publish: async () => {
        process.stdout.write("crashing-before-publish\n", () => process.kill(process.pid, "SIGKILL"));
        await new Promise(() => undefined);
      },
    },
    observability: silentObservability("trade-api-crash"),
  });
  const res = await api(orderEvent(MARKET_ORDER));
  process.stdout.write(`not-crashed ${res.statusCode} ${res.body}\n`);
  process.exit(3);
}

void main();
