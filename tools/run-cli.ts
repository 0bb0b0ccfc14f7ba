/**
 * The process end of a tool whose logic is a pure `(argv) => { exitCode, stdout, stderr }`
 * (tools/plan, tools/cost): writes the result, sets the exit code, and turns anything thrown
 * into one printable line and exit 2, never a stack trace.
 */
import { printable } from "../platform-rules/text";

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliProcess {
  readonly argv: readonly string[];
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  exitCode?: number | string | null;
}

/** Runs `main` on this process's arguments (or `proc`'s, in tests); resolves once written. */
export async function runCli(
  name: string,
  main: (argv: string[]) => Promise<CliResult>,
  proc: CliProcess = process,
): Promise<void> {
  try {
    const r = await main(proc.argv.slice(2));
    proc.stdout.write(r.stdout);
    proc.stderr.write(r.stderr);
    proc.exitCode = r.exitCode;
  } catch (err) {
    proc.stderr.write(printable(`${name} failed unexpectedly: ${err instanceof Error ? err.message : String(err)}\n`));
    proc.exitCode = 2;
  }
}
