/**
 * pg connection settings for the monitor: TLS always, certificate and host name verified
 * (Aurora's RDS CA comes from NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem; Azure's public CAs
 * are in Node's store), and a read-only session — the monitor never writes.
 */
import { checkServerIdentity } from "node:tls";
import type { ClientConfig } from "pg";

export interface Endpoint {
  /** The name the server's certificate carries (and, without hostaddr, the address). */
  readonly host: string;
  /** Address to connect to instead of resolving `host` (e.g. the standby's private IP over the VPN). */
  readonly hostaddr?: string;
  readonly port: number;
  readonly database: string;
}

export function connectionConfig(endpoint: Endpoint, credentials: { user: string; password: string }): ClientConfig {
  return {
    host: endpoint.hostaddr ?? endpoint.host,
    port: endpoint.port,
    database: endpoint.database,
    user: credentials.user,
    password: credentials.password,
    application_name: "dr-monitor",
    connectionTimeoutMillis: 5_000,
    statement_timeout: 10_000,
    options: "-c default_transaction_read_only=on",
    ssl: {
      rejectUnauthorized: true,
      servername: endpoint.host,
      checkServerIdentity: (_address, cert) => checkServerIdentity(endpoint.host, cert),
    },
  };
}
