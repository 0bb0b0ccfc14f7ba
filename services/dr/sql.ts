/**
 * SQL text helpers. Everything the DR tool sends is built here or in the step modules from
 * catalog names (quoted with `ident`) and validated operator input, never from raw strings.
 */

/** Object names the operator may pass (publication, subscription, schema): plain lower-case identifiers. */
export const NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema that holds the DR tool's own objects (heartbeat, applied migrations). */
export const DR_SCHEMA = "dr";

/** Quotes an identifier the way PostgreSQL's quote_ident does (always quoted, so case is kept). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A schema-qualified, quoted relation name. */
export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}

/** Quotes a string literal (standard_conforming_strings is on in every supported PostgreSQL). */
export function literal(value: string): string {
  if (value.includes("\0")) throw new Error("string literal must not contain a NUL byte");
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Hides the password in a connection string so plans, logs and errors can be printed and kept
 * (PCI DSS 8.3.2: authentication factors are never shown in clear). Handles URIs and
 * key=value conninfo strings.
 */
export function redact(conninfo: string): string {
  if (/^postgres(ql)?:\/\//i.test(conninfo)) {
    return conninfo
      .replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, "$1****@")
      .replace(/([?&]password=)[^&]*/gi, "$1****");
  }
  return conninfo.replace(/(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)/gi, "$1****");
}

/** The TLS mode a conninfo asks for, or undefined when it does not say (libpq then uses "prefer"). */
export function sslMode(conninfo: string): string | undefined {
  const match = /[?&\s]sslmode=([a-z-]+)/i.exec(` ${conninfo}`) ?? /^sslmode\s*=\s*([a-z-]+)/i.exec(conninfo);
  return match?.[1]?.toLowerCase();
}

/** sslmode values that refuse to fall back to clear text. */
export const ENCRYPTED_SSL_MODES: readonly string[] = ["require", "verify-ca", "verify-full"];

/** DDL for the heartbeat table; the same on both sides so it replicates like any other table. */
export const HEARTBEAT_DDL: readonly string[] = [
  `create schema if not exists ${ident(DR_SCHEMA)}`,
  `create table if not exists ${qualified(DR_SCHEMA, "heartbeat")} (
    id smallint primary key default 1 check (id = 1),
    beat bigint not null,
    written_at timestamptz not null
  )`,
];

/** Seeds the single heartbeat row on the primary (a no-op when it exists). */
export const HEARTBEAT_SEED = `insert into ${qualified(DR_SCHEMA, "heartbeat")} (id, beat, written_at)
  values (1, 0, clock_timestamp()) on conflict (id) do nothing`;

/** One heartbeat: the primary's clock, committed through the same WAL stream as the data. */
export const HEARTBEAT_WRITE = `update ${qualified(DR_SCHEMA, "heartbeat")}
  set beat = beat + 1, written_at = clock_timestamp() where id = 1
  returning beat::text as beat, written_at`;

/** The user a conninfo (URI or key=value) logs in as, or undefined when it names none. */
export function conninfoUser(conninfo: string): string | undefined {
  if (/^postgres(ql)?:\/\//i.test(conninfo)) {
    try {
      return decodeURIComponent(new URL(conninfo).username) || undefined;
    } catch {
      return undefined;
    }
  }
  return /(?:^|\s)user\s*=\s*'?([^'\s]+)'?/i.exec(conninfo)?.[1];
}

/** `conninfo` with `password` set (replacing one it carries), for the subscription to store. */
export function withPassword(conninfo: string, password: string): string {
  if (/^postgres(ql)?:\/\//i.test(conninfo)) {
    const url = new URL(conninfo);
    url.searchParams.delete("password");
    url.password = encodeURIComponent(password);
    return url.toString();
  }
  const quoted = `'${password.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  return `${conninfo.replace(/(?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/gi, "").trim()} password=${quoted}`;
}
