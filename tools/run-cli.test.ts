import assert from "node:assert/strict";
import { runCli, type CliProcess } from "./run-cli";

function fakeProcess(...args: string[]): CliProcess & { out: string; err: string } {
  const proc = {
    argv: ["node", "cli.ts", ...args],
    out: "",
    err: "",
    exitCode: undefined as number | string | null | undefined,
    stdout: { write: (t: string) => (proc.out += t) },
    stderr: { write: (t: string) => (proc.err += t) },
  };
  return proc;
}

describe("runCli", () => {
  it("should pass the arguments after the script and write the result", async () => {
    const proc = fakeProcess("--stack", "dev");
    await runCli("x", async (argv) => ({ exitCode: 1, stdout: argv.join(" "), stderr: "warn" }), proc);
    assert.deepEqual([proc.out, proc.err, proc.exitCode], ["--stack dev", "warn", 1]);
  });

  it("should exit 2 with one printable line when main throws", async () => {
    const proc = fakeProcess();
    await runCli(
      "cost",
      async () => {
        throw new Error("bad\u001b[2J");
      },
      proc,
    );
    assert.deepEqual([proc.err, proc.exitCode], ["cost failed unexpectedly: bad\\x1b[2J\n", 2]);
  });
});
