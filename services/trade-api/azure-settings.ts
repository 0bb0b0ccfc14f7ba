/**
 * The Azure standby's settings, read once at cold start from the Function App's app settings
 * (components/azure/standby.ts sets them). Every problem is collected and reported together,
 * naming the setting, so one log line says what to fix.
 *
 * Database: the discrete `DATABASE_*` settings the Function App sets (the password a Key Vault
 * reference), or `DATABASE_URL` for local runs and tests (it wins). TLS always verifies the
 * server certificate and host name (Azure's CAs are in Node's default store).
 */
import type { PoolConfig } from "pg";
import type { ApiClient } from "./auth";
import { parseAllowedPairs } from "./domain/currency";
import { DEFAULT_REFERENCE_RATES } from "./domain/pricing";
import { API_KEYS_PLACEHOLDER, API_KEYS_SECRET } from "../../platform-rules/dr-standby";

/** The host's HTTP route prefix; services/trade-api/azure/host.json sets the same (empty). */
export const DEFAULT_AZURE_ROUTE_PREFIX = "";

export interface AzureSettings {
  readonly pool: PoolConfig;
  /** SHA-256 hex of each key → its client. */
  readonly apiKeys: ReadonlyMap<string, ApiClient>;
  readonly allowedPairs: readonly string[];
  /** Stripped from request paths; "" or "/segment". */
  readonly routePrefix: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** App Service leaves the reference text in place when it cannot resolve it. */
const UNRESOLVED_REFERENCE = /^@Microsoft\.KeyVault\(/;
const unresolved = (name: string) =>
  `${name} is an unresolved Key Vault reference: give the app's identity Key Vault Secrets User on the vault and check that the secret exists`;

/** Parses API_KEY_HASHES: "clientId:<64 hex>" entries separated by commas. */
export function parseApiKeyHashes(text: string): ReadonlyMap<string, ApiClient> {
  const clients = new Map<string, ApiClient>();
  const bad: string[] = [];
  for (const entry of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z0-9_.-]{1,64}):([0-9a-f]{64})$/.exec(entry);
    if (match?.[1] && match[2]) clients.set(match[2], { clientId: match[1] });
    else bad.push(entry.split(":")[0] ?? "?");
  }
  if (bad.length > 0)
    throw new Error(`API_KEY_HASHES entries must be clientId:<sha256 hex>; bad entries for: ${bad.join(", ")}`);
  return clients;
}

function readDatabase(env: Env, problems: string[]): PoolConfig | undefined {
  // Functions serve concurrent requests per instance, unlike Lambda: a few connections each.
  const common = { max: 4, idleTimeoutMillis: 60_000, connectionTimeoutMillis: 5_000 };
  if (env.DATABASE_URL) return { connectionString: env.DATABASE_URL, ...common };
  const before = problems.length;
  const missing = ["DATABASE_HOST", "DATABASE_NAME", "DATABASE_USER", "DATABASE_PASSWORD"].filter((name) => !env[name]);
  if (missing.length > 0) problems.push(`set ${missing.join(", ")} (the Function App sets them) or DATABASE_URL`);
  const rawPort = env.DATABASE_PORT || "5432";
  const port = /^\d+$/.test(rawPort) ? Number(rawPort) : Number.NaN;
  if (!(port >= 1 && port <= 65535))
    problems.push(`DATABASE_PORT must be an integer from 1 to 65535 (got "${rawPort}")`);
  const user = env.DATABASE_USER ?? "";
  if (user && !/^[a-z_][a-z0-9_]*$/.test(user))
    problems.push(`DATABASE_USER must be a PostgreSQL role name such as trade_api (got "${user}")`);
  if (UNRESOLVED_REFERENCE.test(env.DATABASE_PASSWORD ?? "")) problems.push(unresolved("DATABASE_PASSWORD"));
  const sslmode = env.DATABASE_SSLMODE || "verify-full";
  if (sslmode !== "verify-full")
    problems.push(
      `DATABASE_SSLMODE must be verify-full (the adapter always verifies the server's certificate and host name); got "${sslmode}"`,
    );
  if (problems.length > before) return undefined;
  return {
    host: env.DATABASE_HOST,
    port,
    database: env.DATABASE_NAME,
    user,
    password: env.DATABASE_PASSWORD,
    ssl: { rejectUnauthorized: true },
    ...common,
  };
}

function readApiKeys(env: Env, problems: string[]): ReadonlyMap<string, ApiClient> {
  const text = env.API_KEY_HASHES ?? "";
  if (UNRESOLVED_REFERENCE.test(text)) {
    problems.push(unresolved("API_KEY_HASHES"));
    return new Map();
  }
  try {
    // The secret's creation value (platform-rules/dr-standby.ts) means "not filled yet".
    const keys = text.trim() === API_KEYS_PLACEHOLDER ? new Map<string, ApiClient>() : parseApiKeyHashes(text);
    // Serving with no key would answer 401 to every client: refuse, so health checks show it.
    if (keys.size === 0)
      problems.push(
        `API_KEY_HASHES lists no client: fill Key Vault secret ${API_KEYS_SECRET} with the api-keys table's ACTIVE rows as clientId:key_hash (docs/runbooks/failover.md)`,
      );
    return keys;
  } catch (err) {
    problems.push((err as Error).message);
    return new Map();
  }
}

function readAllowedPairs(env: Env, problems: string[]): readonly string[] {
  if (env.ALLOWED_PAIRS === undefined) return Object.keys(DEFAULT_REFERENCE_RATES);
  try {
    const pairs = parseAllowedPairs(env.ALLOWED_PAIRS);
    const unpriced = pairs.filter((p) => !(p in DEFAULT_REFERENCE_RATES));
    if (unpriced.length > 0) problems.push(`ALLOWED_PAIRS has pairs with no reference rate: ${unpriced.join(", ")}`);
    return pairs;
  } catch (err) {
    problems.push((err as Error).message);
    return [];
  }
}

/** Reads and checks every setting; throws once, listing every problem. Pure. */
export function loadAzureSettings(env: Env): AzureSettings {
  const problems: string[] = [];
  const pool = readDatabase(env, problems);
  const apiKeys = readApiKeys(env, problems);
  const allowedPairs = readAllowedPairs(env, problems);
  const prefix = (env.AZURE_ROUTE_PREFIX ?? DEFAULT_AZURE_ROUTE_PREFIX).trim().replace(/^\/*/, "/").replace(/\/+$/, "");
  if (problems.length > 0 || !pool)
    throw new Error(`trade-api (azure) configuration is invalid:\n- ${problems.join("\n- ")}`);
  return { pool, apiKeys, allowedPairs, routePrefix: prefix };
}
