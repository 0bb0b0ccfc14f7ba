/**
 * Every change the DR tool makes goes through a Runner, so `--dry-run` prints exactly the SQL a
 * real run would execute (reads still run: the plan depends on the catalog), and a real run
 * leaves an ordered record of what it did for the incident log.
 */
import { Client, type ClientBase } from "pg";

/** Which server a step runs on. Roles, not clouds: after failover Azure is the primary. */
export type Side = "primary" | "standby";

export interface Step {
  readonly side: Side;
  readonly description: string;
  /** SQL as printed: secrets redacted. */
  readonly sql: string;
}

export interface Runner {
  readonly dryRun: boolean;
  /** Steps applied (or, in a dry run, planned) so far, in order. */
  readonly steps: readonly Step[];
  /**
   * Runs one change and returns its rows (none in a dry run); `display` replaces `sql` in
   * output when the statement carries a secret.
   */
  apply(
    db: ClientBase,
    side: Side,
    description: string,
    sql: string,
    display?: string,
  ): Promise<Array<Record<string, unknown>>>;
  /** A progress or result line for the operator. */
  note(line: string): void;
}

export interface RunnerOptions {
  /** Print the SQL instead of executing it. Default false. */
  readonly dryRun?: boolean;
  /** Where lines go. Default: discarded. */
  readonly log?: (line: string) => void;
}

export function createRunner(options: RunnerOptions = {}): Runner {
  const dryRun = options.dryRun ?? false;
  const log = options.log ?? (() => undefined);
  const steps: Step[] = [];
  return {
    dryRun,
    steps,
    async apply(db, side, description, sql, display) {
      const step = { side, description, sql: display ?? sql };
      steps.push(step);
      if (dryRun) {
        log(`-- [${side}] ${description}\n${step.sql};`);
        return [];
      }
      const result = await db.query(sql);
      log(`ok [${side}] ${description}`);
      return result.rows as Array<Record<string, unknown>>;
    },
    note(line) {
      log(dryRun ? `-- ${line}` : line);
    },
  };
}

/**
 * Opens an operator session. The session turns off the standby fence
 * (default_transaction_read_only) for itself only: the tool is the one writer allowed there.
 */
export async function connect(connectionString: string, applicationName = "dr-cli"): Promise<Client> {
  const client = new Client({ connectionString, application_name: applicationName, connectionTimeoutMillis: 10_000 });
  // A server-side error on an idle client would otherwise crash the process with a stack trace.
  client.on("error", () => undefined);
  await client.connect();
  await client.query("set default_transaction_read_only = off");
  return client;
}
