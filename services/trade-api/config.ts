/**
 * The trade API's settings, read from the environment once at cold start. Every problem is
 * collected and reported together, naming the variable.
 */
import { parseAllowedPairs } from "./domain/currency";
import { DEFAULT_REFERENCE_RATES } from "./domain/pricing";

export type DatabaseSetting =
  /** A full connection string (local runs, tests, CI). */
  | { readonly kind: "url"; readonly url: string }
  /** Credentials from Secrets Manager via the Lambda Parameters and Secrets extension. */
  | { readonly kind: "secret"; readonly secretId: string; readonly host?: string; readonly port?: number; readonly database?: string };

export interface DatabaseConfig {
  readonly database: DatabaseSetting;
  readonly dbPoolMax: number;
}

export interface TradeApiConfig extends DatabaseConfig {
  readonly apiKeysTable: string;
  readonly auditTopicArn: string;
  readonly allowedPairs: readonly string[];
  readonly apiKeyCacheTtlMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function intReader(env: Env, problems: string[]) {
  return (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(n >= min && n <= max)) problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return n;
  };
}

function readDatabase(env: Env, problems: string[]): DatabaseConfig | undefined {
  const int = intReader(env, problems);
  let database: DatabaseSetting | undefined;
  if (env.DATABASE_URL) database = { kind: "url", url: env.DATABASE_URL };
  else if (env.DB_SECRET_ARN) {
    const port = env.DB_PORT ? int("DB_PORT", 5432, 1, 65535) : undefined;
    database = { kind: "secret", secretId: env.DB_SECRET_ARN, host: env.DB_HOST || undefined, port, database: env.DB_NAME || undefined };
  } else problems.push("set DB_SECRET_ARN (with DB_HOST/DB_NAME when the secret lacks them) or DATABASE_URL");
  const dbPoolMax = int("DB_POOL_MAX", 2, 1, 50);
  return database && { database, dbPoolMax };
}

/** Only the database settings: for the migration function, which needs nothing else. */
export function loadDatabaseConfig(env: Env): DatabaseConfig {
  const problems: string[] = [];
  const config = readDatabase(env, problems);
  if (problems.length > 0 || !config) throw new Error(`database configuration is invalid:\n- ${problems.join("\n- ")}`);
  return config;
}

export function loadConfig(env: Env): TradeApiConfig {
  const problems: string[] = [];
  const int = intReader(env, problems);
  const db = readDatabase(env, problems);

  const apiKeysTable = env.API_KEYS_TABLE ?? "";
  if (!apiKeysTable) problems.push("API_KEYS_TABLE must name the DynamoDB api-keys table");
  const auditTopicArn = env.AUDIT_TOPIC_ARN ?? "";
  if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/.test(auditTopicArn)) {
    problems.push(`AUDIT_TOPIC_ARN must be an SNS topic ARN (got "${auditTopicArn}")`);
  }

  let allowedPairs: readonly string[] = Object.keys(DEFAULT_REFERENCE_RATES);
  if (env.ALLOWED_PAIRS !== undefined) {
    try {
      allowedPairs = parseAllowedPairs(env.ALLOWED_PAIRS);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  const unpriced = allowedPairs.filter((p) => !(p in DEFAULT_REFERENCE_RATES));
  if (unpriced.length > 0) problems.push(`ALLOWED_PAIRS has pairs with no reference rate: ${unpriced.join(", ")}`);

  const apiKeyCacheTtlMs = int("API_KEY_CACHE_TTL_SECONDS", 60, 0, 3600) * 1000;
  if (problems.length > 0 || !db) throw new Error(`trade-api configuration is invalid:\n- ${problems.join("\n- ")}`);
  return { ...db, apiKeysTable, auditTopicArn, allowedPairs, apiKeyCacheTtlMs };
}
