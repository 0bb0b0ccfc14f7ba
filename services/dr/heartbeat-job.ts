/**
 * The dr-heartbeat pg_cron job as its migration declares it (migrations/cron). Read from the
 * migration text, so the drill (where embedded PostgreSQL has no pg_cron) runs exactly the SQL
 * the job runs, at the interval the job has, and a test can hold the interval to
 * platform:dr.heartbeatIntervalSeconds.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DrError } from "./errors";

export const HEARTBEAT_JOB_MIGRATION = join(__dirname, "migrations", "cron", "001_dr_heartbeat_job.sql");

export interface HeartbeatJob {
  readonly name: string;
  readonly intervalSeconds: number;
  /** The SQL pg_cron runs. */
  readonly command: string;
  /** The database it runs in. */
  readonly database: string;
}

const SCHEDULE =
  /cron\.schedule_in_database\(\s*'([^']+)',\s*'(\d+) seconds',\s*\$job\$(.*?)\$job\$,\s*'([^']+)'\s*\)/s;

/** Parses a migration's `cron.schedule_in_database(name, 'N seconds', $job$…$job$, db)` call. Pure. */
export function parseHeartbeatJob(sql: string): HeartbeatJob {
  const m = SCHEDULE.exec(sql);
  if (!m)
    throw new DrError("the heartbeat migration schedules no job", [
      "expected cron.schedule_in_database('dr-heartbeat', '<N> seconds', $job$<sql>$job$, '<database>')",
    ]);
  return {
    name: m[1] as string,
    intervalSeconds: Number(m[2]),
    command: (m[3] as string).trim(),
    database: m[4] as string,
  };
}

export async function readHeartbeatJob(path = HEARTBEAT_JOB_MIGRATION): Promise<HeartbeatJob> {
  return parseHeartbeatJob(await readFile(path, "utf8"));
}
