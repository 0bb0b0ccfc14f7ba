import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PostgresDataDirInUseError, recoverStalePostmaster } from "./embedded-postgres";

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
