/**
 * Two real PostgreSQL 17 servers with wal_level=logical for the DR tests, and helpers to give
 * each test its own database pair with replication running between them.
 */
import { join } from "node:path";
import type { Client } from "pg";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { setupPublication } from "../publication";
import { connect, createRunner } from "../runner";
import { applyMigrations, readMigrations } from "../schema";
import { setupSubscription } from "../subscription";

export const MIGRATIONS = join(__dirname, "migrations");
/** The production DR migrations for the fx database (heartbeat function, replication login). */
export const DR_MIGRATIONS = join(__dirname, "..", "migrations", "fx");
/** The replication login's password on the test servers (migrations/fx/002 creates dr_repl). */
export const REPLICATION_PASSWORD = "dr-repl-test-password-0123";
// Several database pairs share one server pair per test file, each with an apply worker (and
// table-sync workers while copying), so the worker limits are raised above the defaults.
const SETTINGS = {
  wal_level: "logical",
  max_replication_slots: "20",
  max_wal_senders: "20",
  max_worker_processes: "32",
  max_logical_replication_workers: "24",
  // Throwaway servers: skipping fsync turns a 10-20 s shutdown checkpoint into well under one.
  fsync: "off",
  // The launcher waits this long before (re)starting apply and table-sync workers (default 5 s):
  // tests create and drop many subscriptions.
  wal_retrieve_retry_interval: "50ms",
};

export interface ServerPair {
  readonly primary: RunningPostgres;
  readonly standby: RunningPostgres;
  stop(): Promise<void>;
}

export async function startPair(): Promise<ServerPair> {
  const [primary, standby] = await Promise.all([
    startPostgres({ settings: SETTINGS }),
    startPostgres({ settings: SETTINGS }),
  ]);
  return {
    primary,
    standby,
    async stop() {
      await Promise.all([primary.stop(), standby.stop()]);
    },
  };
}

export interface DatabasePair {
  readonly name: string;
  readonly primaryUrl: string;
  readonly standbyUrl: string;
  /** Operator sessions (fence lifted for themselves), ended by `close`. */
  readonly primary: Client;
  readonly standby: Client;
  /** Opens another session; closed by `close`. */
  session(side: "primary" | "standby"): Promise<Client>;
  /** How the other server reaches `side` as the replication login dr_repl (what the subscription stores). */
  replicationUrl(side: "primary" | "standby"): string;
  close(): Promise<void>;
}

let counter = 0;

/** A fresh database of the same name on both servers with the fixture migrations applied on both. */
export async function databasePair(pair: ServerPair, options: { migrate?: boolean } = {}): Promise<DatabasePair> {
  const name = `dr_${process.pid}_${++counter}`;
  await Promise.all([pair.primary.createDatabase(name), pair.standby.createDatabase(name)]);
  const primaryUrl = pair.primary.connectionString(name);
  const standbyUrl = pair.standby.connectionString(name);
  const clients: Client[] = [];
  const session = async (side: "primary" | "standby") => {
    const c = await connect(side === "primary" ? primaryUrl : standbyUrl, "dr-test");
    clients.push(c);
    return c;
  };
  const [primary, standby] = await Promise.all([session("primary"), session("standby")]);
  if (options.migrate ?? true) {
    const migrations = [...(await readMigrations(MIGRATIONS)), ...(await readMigrations(DR_MIGRATIONS))];
    await applyMigrations(primary, createRunner(), "primary", migrations);
    await applyMigrations(standby, createRunner(), "standby", migrations);
    for (const c of [primary, standby]) {
      // The fixture publishes schema public (production: trade, granted by migration 002).
      await c.query(
        `grant select on all tables in schema public to dr_repl; alter default privileges in ` +
          `schema public grant select on tables to dr_repl; alter role dr_repl password ` +
          `'${REPLICATION_PASSWORD}'`,
      );
    }
  }
  const replicationUrl = (side: "primary" | "standby") => {
    const url = new URL(side === "primary" ? primaryUrl : standbyUrl);
    url.username = "dr_repl";
    url.password = REPLICATION_PASSWORD;
    return url.toString();
  };
  return {
    name,
    primaryUrl,
    standbyUrl,
    primary,
    standby,
    session,
    replicationUrl,
    async close() {
      // Frees the apply worker for the next test; the slot is left behind (the server is temporary).
      const cleanup = await connect(standbyUrl, "dr-test").catch(() => undefined);
      if (cleanup) {
        const subs = (
          await cleanup.query(
            "select subname from pg_subscription where subdbid = (select oid from pg_database where datname = current_database())",
          )
        ).rows as Array<{ subname: string }>;
        for (const { subname } of subs) {
          await cleanup.query(`alter subscription "${subname}" disable`);
          await cleanup.query(`alter subscription "${subname}" set (slot_name = none)`);
          await cleanup.query(`drop subscription "${subname}"`);
        }
        await cleanup.end();
      }
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    },
  };
}

export const PUBLICATION = "fx_dr";
/** Slot names are cluster-wide, so each database pair gets its own subscription name. */
export const subscriptionName = (db: DatabasePair) => `sub_${db.name}`;

/** Publication and subscription for a database pair, as `dr setup-*` would do in a lab. */
export async function replicate(db: DatabasePair): Promise<void> {
  await setupPublication(db.primary, createRunner(), { publication: PUBLICATION, schemas: ["public"] });
  await setupSubscription(db.standby, db.primary, createRunner(), {
    publication: PUBLICATION,
    subscription: subscriptionName(db),
    conninfo: db.replicationUrl("primary"),
    transport: "allow-plaintext",
  });
}

/** Polls `probe` every 25 ms until it returns true; fails after `timeoutMs`. */
export async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Row count of a table on a session. */
export async function count(client: Client, table: string): Promise<number> {
  const { rows } = await client.query(`select count(*)::int as n from ${table}`);
  return (rows[0] as { n: number }).n;
}
