import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  freePort,
  PostgresDataDirInUseError,
  recoverStalePostmaster,
  startPostgres,
  type RunningPostgres,
} from "./embedded-postgres";

describe("recoverStalePostmaster", () => {
  it("should refuse, naming both processes, when the process that started the postmaster still runs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pg-owner-"));
    // Stand-ins this test starts and stops by pid: a "postmaster" and its live "owner".
    const postmaster = spawn("bash", ["-c", "exec -a postgres sleep 30"], { stdio: "ignore" });
    const owner = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      await new Promise((r) => setTimeout(r, 200));
      await writeFile(join(dir, "postmaster.pid"), `${postmaster.pid}\n${dir}\n`);
      await writeFile(join(dir, "embedded-postgres.owner"), `${owner.pid}\n`);
      await assert.rejects(recoverStalePostmaster(dir), (err: unknown) => {
        assert.ok(err instanceof PostgresDataDirInUseError);
        assert.match(err.message, new RegExp(`pid ${postmaster.pid}\\).*process ${owner.pid}`));
        return true;
      });
    } finally {
      postmaster.kill("SIGKILL");
      owner.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("should stop a postmaster whose owner is gone", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pg-owner-"));
    const postmaster = spawn("bash", ["-c", "exec -a postgres sleep 30"], { stdio: "ignore" });
    const exited = new Promise((r) => postmaster.once("exit", (_code, signal) => r(signal)));
    try {
      await new Promise((r) => setTimeout(r, 200));
      await writeFile(join(dir, "postmaster.pid"), `${postmaster.pid}\n${dir}\n`);
      await writeFile(join(dir, "embedded-postgres.owner"), "999999999\n");
      const told: string[] = [];
      await recoverStalePostmaster(dir, (m) => told.push(m));
      assert.equal(await exited, "SIGINT");
      assert.match(told.join(), /stopping PostgreSQL \(pid \d+\) left running/);
    } finally {
      postmaster.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("should leave a directory alone when no postmaster.pid is there", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pg-owner-"));
    try {
      await recoverStalePostmaster(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("startPostgres (local secrets)", () => {
  it("should give each kept data folder its own superuser secret, readable by its owner only", async () => {
    const root = await mkdtemp(join(tmpdir(), "pg-secret-"));
    await chmod(root, 0o755);
    const servers: RunningPostgres[] = [];
    try {
      for (const name of ["a", "b"]) servers.push(await startPostgres({ dataDir: join(root, name) }));
      const [a, b] = servers as [RunningPostgres, RunningPostgres];
      assert.notEqual(a.password, b.password);
      assert.notEqual(a.password, "local-test-only");
      assert.ok(a.password.length >= 32);
      const mode = (await stat(join(root, "a.superuser-secret"))).mode & 0o777;
      assert.equal(mode, 0o600);
    } finally {
      for (const s of servers) await s.stop();
      await rm(root, { recursive: true, force: true });
    }
  });

  it("should authenticate with SCRAM only and open no Unix socket", async () => {
    const pg = await startPostgres();
    const client = await pg.client();
    try {
      const hba = await client.query<{ auth_method: string }>("select distinct auth_method from pg_hba_file_rules");
      assert.deepEqual(
        hba.rows.map((r) => r.auth_method),
        ["scram-sha-256"],
      );
      const socket = await client.query<{ unix_socket_directories: string }>("show unix_socket_directories");
      assert.equal(socket.rows[0]?.unix_socket_directories, "");
      const stored = await client.query<{ rolpassword: string }>(
        "select rolpassword from pg_authid where rolname = 'postgres'",
      );
      assert.match(stored.rows[0]?.rolpassword ?? "", /^SCRAM-SHA-256\$/);
    } finally {
      await client.end();
      await pg.stop();
    }
  });

  it("should move a folder made with the old fixed password to its own secret and SCRAM, keeping its data", async () => {
    const root = await mkdtemp(join(tmpdir(), "pg-legacy-"));
    await chmod(root, 0o755);
    const dataDir = join(root, "pg");
    try {
      const first = await startPostgres({ dataDir });
      const c = await first.client();
      await c.query("create table kept (v int); insert into kept values (42)");
      // What a folder made before per-folder secrets looks like.
      await c.query("set password_encryption = 'md5'; alter role postgres password 'local-test-only'");
      await c.end();
      await first.stop();
      await writeFile(join(dataDir, "pg_hba.conf"), "local all all password\nhost all all 127.0.0.1/32 password\n");
      await rm(`${dataDir}.superuser-secret`);
      const told: string[] = [];
      const second = await startPostgres({ dataDir, log: (m) => told.push(m) });
      try {
        assert.notEqual(second.password, "local-test-only");
        const c2 = await second.client();
        const kept = await c2.query<{ v: number }>("select v from kept");
        const hba = await c2.query<{ auth_method: string }>("select distinct auth_method from pg_hba_file_rules");
        await c2.end();
        assert.deepEqual([kept.rows[0]?.v, hba.rows.map((r) => r.auth_method)], [42, ["scram-sha-256"]]);
        assert.match(told.join(), /own superuser secret and SCRAM/);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("startPostgres (a chosen port taken before PostgreSQL binds it)", () => {
  let holder: import("node:net").Server;
  let taken: number;
  before(async () => {
    const { createServer } = await import("node:net");
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    taken = (holder.address() as import("node:net").AddressInfo).port;
  });
  after(() => holder.close());

  it("should start on a newly chosen port when the first free port was taken meanwhile", async () => {
    const offered = [taken];
    const pg = await startPostgres({}, async () => offered.shift() ?? freePort());
    try {
      const client = await pg.client();
      const { rows } = await client.query<{ one: number }>("select 1 as one");
      await client.end();
      assert.deepEqual([pg.port !== taken, rows[0]?.one], [true, 1]);
    } finally {
      await pg.stop();
    }
  });

  it("should refuse, naming the bind failure, when a fixed port is taken", async () => {
    await assert.rejects(startPostgres({ port: taken }), /Address already in use/);
  });
});
