/**
 * How the trade API's functions reach PostgreSQL, per DatabaseSetting (config.ts):
 * - `iam` (the API on AWS): the `trade_api` login with an RDS IAM auth token as its password.
 *   A token is a SigV4-presigned `connect` request, made locally from the role's credentials
 *   (no AWS call), valid for 15 minutes and checked only when a connection opens. pg asks for
 *   the password on every new connection, so tokens are reused for 10 minutes and then signed
 *   anew, well before they expire.
 * - `secret` (the migration function): the master user from its Secrets Manager secret.
 * - `url`: a connection string (local runs, tests, the Azure standby).
 * On AWS, TLS verifies the server certificate: Node trusts the RDS CA through
 * NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem, which the stack sets. RDS requires TLS for
 * IAM authentication anyway.
 */
import { Signer, type SignerConfig } from "@aws-sdk/rds-signer";
import { Pool, type PoolConfig } from "pg";
import type { DatabaseConfig } from "./config";
import type { DbSecret } from "./db-secret";

/** How long a token is reused: 10 of its 15 minutes, so none is ever presented near expiry. */
export const IAM_TOKEN_REUSE_MS = 10 * 60_000;

export interface CachedTokenOptions {
  /** Reuse a token for this long (ms). Default IAM_TOKEN_REUSE_MS; must stay below 15 minutes. */
  readonly reuseMs?: number;
  /** Clock (ms); default Date.now. */
  readonly now?: () => number;
}

/**
 * Wraps a signer so that concurrent callers share one signing and a token is reused until
 * `reuseMs` old. A failed signing is not cached: the next caller tries again.
 */
export function cachedToken(sign: () => Promise<string>, options: CachedTokenOptions = {}): () => Promise<string> {
  const reuseMs = options.reuseMs ?? IAM_TOKEN_REUSE_MS;
  const now = options.now ?? Date.now;
  let current: { token: Promise<string>; signedAt: number } | undefined;
  return () => {
    const at = now();
    if (!current || at - current.signedAt >= reuseMs) {
      const entry = { token: sign(), signedAt: at };
      entry.token.catch(() => {
        if (current === entry) current = undefined;
      });
      current = entry;
    }
    return current.token;
  };
}

export interface IamTokenOptions extends CachedTokenOptions {
  /** The endpoint the client connects to (the cluster writer endpoint); the token is bound to it. */
  readonly hostname: string;
  readonly port: number;
  /** The database login, e.g. trade_api; the role needs rds-db:connect on its dbuser ARN. */
  readonly username: string;
  readonly region: string;
  /** Default: the SDK's provider chain (in Lambda, the function role's credentials from the environment). */
  readonly credentials?: SignerConfig["credentials"];
}

/** A password function for pg: an RDS IAM auth token, refreshed before it expires. */
export function iamAuthTokenProvider(options: IamTokenOptions): () => Promise<string> {
  const signer = new Signer({
    hostname: options.hostname,
    port: options.port,
    username: options.username,
    region: options.region,
    credentials: options.credentials,
  });
  return cachedToken(() => signer.getAuthToken(), options);
}

export interface ConnectionDeps {
  /** Reads the master secret; required for the `secret` setting (the migration function). */
  readonly readSecret?: (secretId: string) => Promise<DbSecret>;
  /** Credentials to sign IAM tokens with; default the SDK's provider chain. */
  readonly credentials?: SignerConfig["credentials"];
  /** Told when an idle connection drops (Aurora failover, restart); the pool replaces it. */
  readonly onIdleError?: (err: Error) => void;
}

/** pg settings for a DatabaseConfig. Reads the secret for `secret`; signs nothing yet for `iam`. */
export async function poolConfig(config: DatabaseConfig, deps: ConnectionDeps = {}): Promise<PoolConfig> {
  // Small: a Lambda instance serves one request at a time.
  const common = { max: config.dbPoolMax, idleTimeoutMillis: 60_000, connectionTimeoutMillis: 5_000 };
  const db = config.database;
  if (db.kind === "url") return { connectionString: db.url, ...common };
  if (db.kind === "iam") {
    const password = iamAuthTokenProvider({
      hostname: db.host,
      port: db.port,
      username: db.user,
      region: db.region,
      credentials: deps.credentials,
    });
    return {
      host: db.host,
      port: db.port,
      database: db.database,
      user: db.user,
      password,
      ssl: { rejectUnauthorized: true },
      ...common,
    };
  }
  if (!deps.readSecret) throw new Error("the secret database setting needs a secret reader (readSecret)");
  const secret = await deps.readSecret(db.secretId);
  const host = db.host ?? secret.host;
  if (!host) throw new Error("DB_HOST is required when the database secret has no host");
  return {
    host,
    port: db.port ?? secret.port ?? 5432,
    database: db.database ?? secret.dbname ?? "trade",
    user: secret.username,
    password: secret.password,
    ssl: { rejectUnauthorized: true },
    ...common,
  };
}

export async function createPool(config: DatabaseConfig, deps: ConnectionDeps = {}): Promise<Pool> {
  const pool = new Pool(await poolConfig(config, deps));
  // An idle connection dropped by Aurora must not crash the function.
  pool.on("error", (err) => deps.onIdleError?.(err));
  return pool;
}
