/**
 * The PostgreSQL side of a single-user rotation: a login proves a password by connecting, and
 * changes its own password with ALTER ROLE (PostgreSQL lets any role do that for itself). The
 * new password goes to the server as a SCRAM-SHA-256 verifier computed here, so the clear text
 * never reaches the server's statement log. Sessions are not read-only (ALTER ROLE is refused
 * in a read-only transaction), unlike the monitor's own.
 */
import { checkServerIdentity } from "node:tls";
import { Client, type ClientConfig } from "pg";
import { scramSha256Verifier } from "../dr/app-login";
import { ident, literal } from "../dr/sql";
import type { Credentials, PasswordTarget } from "./rotation";

/** SQLSTATE 28P01 invalid_password (also what a missing login gets, so names are not probed). */
const INVALID_PASSWORD = "28P01";

export interface Endpoint {
  /** The name the server's certificate carries (and, without hostaddr, the address). */
  readonly host: string;
  /** Address to connect to instead of resolving `host` (e.g. a private IP over the VPN). */
  readonly hostaddr?: string;
  readonly port: number;
  readonly database: string;
}

/** TLS always, certificate and host name verified; 5 s to connect, 10 s per statement. */
export function verifiedTls(endpoint: Endpoint): (credentials: Credentials) => ClientConfig {
  return (credentials) => ({
    host: endpoint.hostaddr ?? endpoint.host,
    port: endpoint.port,
    database: endpoint.database,
    user: credentials.username,
    password: credentials.password,
    application_name: "secret-rotation",
    connectionTimeoutMillis: 5_000,
    statement_timeout: 10_000,
    ssl: {
      rejectUnauthorized: true,
      servername: endpoint.host,
      checkServerIdentity: (_address, cert) => checkServerIdentity(endpoint.host, cert),
    },
  });
}

async function session<T>(config: ClientConfig, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(config);
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function postgresTarget(config: (credentials: Credentials) => ClientConfig): PasswordTarget {
  return {
    async canLogIn(credentials) {
      try {
        return await session(config(credentials), async () => true);
      } catch (err) {
        if ((err as { code?: string }).code === INVALID_PASSWORD) return false;
        throw err;
      }
    },
    async setOwnPassword(current, next) {
      await session(config(current), async (client) => {
        const { rows } = await client.query<{ me: string }>("select current_user as me");
        if (rows[0]?.me !== current.username)
          throw new Error(`logged in as ${rows[0]?.me ?? "?"}, not ${current.username}`);
        await client.query(
          `alter role ${ident(current.username)} password ${literal(scramSha256Verifier(next.password))}`,
        );
      });
    },
  };
}
