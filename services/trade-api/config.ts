/**
 * The trade API's settings, read from the environment once at cold start. Every problem is
 * collected and reported together, naming the variable.
 */
import { parseAllowedPairs } from "./domain/currency";
import { DEFAULT_REFERENCE_RATES } from "./domain/pricing";

export type DatabaseSetting =
  /** A full connection string (local runs, tests, CI, the Azure standby). */
  | { readonly kind: "url"; readonly url: string }
  /** The trade API on AWS: a login with IAM auth tokens (rds_iam), no stored password. */
  | {
      readonly kind: "iam";
      readonly host: string;
      readonly port: number;
      readonly database: string;
      readonly user: string;
      readonly region: string;
    }
  /** The migration function only: the master user's credentials from Secrets Manager. */
  | {
      readonly kind: "secret";
      readonly secretId: string;
      readonly host?: string;
      readonly port?: number;
      readonly database?: string;
    };

export interface DatabaseConfig {
  readonly database: DatabaseSetting;
  readonly dbPoolMax: number;
}

/** The API keys are checked by the REST API's authorizer (authorizer-handler.ts), which reads the api-keys table. */
export interface TradeApiConfig extends DatabaseConfig {
  /** Where order reads go (DB_READER_HOST, IAM auth only): the reader endpoint; absent = the writer. */
  readonly reader?: DatabaseConfig;
  readonly auditTopicArn: string;
  readonly allowedPairs: readonly string[];
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

/** Which credentials a service may use besides DATABASE_URL: the API never gets the master secret. */
type DatabaseAuth = "iam" | "secret";

function readDatabase(env: Env, problems: string[], auth: DatabaseAuth): DatabaseConfig | undefined {
  const int = intReader(env, problems);
  const port = () => (env.DB_PORT ? int("DB_PORT", 5432, 1, 65535) : undefined);
  let database: DatabaseSetting | undefined;
  if (env.DATABASE_URL) database = { kind: "url", url: env.DATABASE_URL };
  else if (auth === "iam" && env.DB_IAM_USER) {
    const before = problems.length;
    if (!/^[a-z_][a-z0-9_]*$/.test(env.DB_IAM_USER))
      problems.push(`DB_IAM_USER must be a PostgreSQL role name such as trade_api (got "${env.DB_IAM_USER}")`);
    if (!env.DB_HOST)
      problems.push("DB_HOST must name the cluster endpoint when DB_IAM_USER is set (the IAM token is signed for it)");
    if (!env.AWS_REGION) problems.push("AWS_REGION must be set when DB_IAM_USER is set (Lambda sets it)");
    const p = port() ?? 5432;
    if (problems.length === before)
      database = {
        kind: "iam",
        host: env.DB_HOST ?? "",
        port: p,
        database: env.DB_NAME || "trade",
        user: env.DB_IAM_USER,
        region: env.AWS_REGION ?? "",
      };
  } else if (auth === "secret" && env.DB_SECRET_ARN) {
    database = {
      kind: "secret",
      secretId: env.DB_SECRET_ARN,
      host: env.DB_HOST || undefined,
      port: port(),
      database: env.DB_NAME || undefined,
    };
  } else if (auth === "iam")
    problems.push("set DB_IAM_USER with DB_HOST (IAM database authentication) or DATABASE_URL");
  else problems.push("set DB_SECRET_ARN (with DB_HOST/DB_NAME when the secret lacks them) or DATABASE_URL");
  const dbPoolMax = int("DB_POOL_MAX", 2, 1, 50);
  return database && { database, dbPoolMax };
}

/** Only the database settings, with the master secret: for the migration function. */
export function loadDatabaseConfig(env: Env): DatabaseConfig {
  const problems: string[] = [];
  const config = readDatabase(env, problems, "secret");
  if (problems.length > 0 || !config) throw new Error(`database configuration is invalid:\n- ${problems.join("\n- ")}`);
  return config;
}

/** Only the database settings, with IAM auth (or DATABASE_URL): for the ledger digest writer. */
export function loadIamDatabaseConfig(env: Env): DatabaseConfig {
  const problems: string[] = [];
  const config = readDatabase(env, problems, "iam");
  if (problems.length > 0 || !config) throw new Error(`database configuration is invalid:\n- ${problems.join("\n- ")}`);
  return config;
}

export function loadConfig(env: Env): TradeApiConfig {
  const problems: string[] = [];
  const db = readDatabase(env, problems, "iam");

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

  let reader: DatabaseConfig | undefined;
  if (env.DB_READER_HOST) {
    if (db?.database.kind !== "iam")
      problems.push(
        "DB_READER_HOST needs DB_IAM_USER and DB_HOST (the reader is reached with IAM auth like the writer)",
      );
    else if (env.DB_READER_HOST !== db.database.host)
      reader = { ...db, database: { ...db.database, host: env.DB_READER_HOST } };
  }
  if (problems.length > 0 || !db) throw new Error(`trade-api configuration is invalid:\n- ${problems.join("\n- ")}`);
  return { ...db, ...(reader ? { reader } : {}), auditTopicArn, allowedPairs };
}
