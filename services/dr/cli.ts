/**
 * `dr`: the database steps of the failover and failback runbooks.
 *   node -r ./tools/register.js services/dr/cli.ts <command> [flags]   (dr --help)
 * Exit codes: 0 done or healthy, 1 a check or step failed, 2 bad usage. Never a stack trace.
 */
import type { Client } from "pg";
import { setAppPassword } from "./app-login";
import { emfLine } from "./emf";
import { DrError } from "./errors";
import { prepareFailback } from "./failback";
import { fencePrimary } from "./fence";
import { measureLag, writeHeartbeat } from "./lag";
import { promote } from "./promote";
import { setupPublication } from "./publication";
import { parseArgs, type CliOptions } from "./args";
import { connect, createRunner, type Runner } from "./runner";
import { applyMigrations, readMigrations } from "./schema";
import { resetSequences } from "./sequences";
import { rotateReplicationPassword } from "./replication-login";
import { redact } from "./sql";
import { setupSubscription } from "./subscription";
import { verifyPromoted, verifyReplicating, type Check } from "./verify";

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Stops `heartbeat --every`; the real CLI aborts it on SIGINT/SIGTERM. */
  readonly signal?: AbortSignal;
}

const toJson = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2);

async function open(label: string, url: string): Promise<Client> {
  try {
    return await connect(url);
  } catch (error) {
    throw new DrError(`cannot connect to the ${label} (${redact(url)})`, [(error as Error).message || String(error)]);
  }
}

function report(checks: readonly Check[], io: CliIo): number {
  for (const c of checks) io.out(`${c.ok ? "PASS" : "FAIL"} ${c.name}: ${c.detail}`);
  return checks.every((c) => c.ok) ? 0 : 1;
}

async function dispatch(
  o: CliOptions,
  primary: Client | undefined,
  standby: Client | undefined,
  runner: Runner,
  io: CliIo,
): Promise<{ code: number; result: unknown }> {
  const p = () => primary as Client;
  const s = () => standby as Client;
  const subscriptionOptions = {
    publication: o.publication,
    subscription: o.subscription,
    conninfo: o.subscriptionConninfo ?? "",
    transport: o.transport,
    existingRows: o.existingRows,
    password: o.replicationPassword,
  };
  switch (o.command) {
    case "apply-schema": {
      const side = o.target ?? "standby";
      const result = await applyMigrations(
        side === "primary" ? p() : s(),
        runner,
        side,
        await readMigrations(o.migrations ?? ""),
      );
      return { code: 0, result };
    }
    case "setup-publication":
      return {
        code: 0,
        result: await setupPublication(p(), runner, { publication: o.publication, schemas: o.schemas }),
      };
    case "setup-subscription":
      return { code: 0, result: await setupSubscription(s(), p(), runner, subscriptionOptions) };
    case "heartbeat": {
      let beats = 0;
      do {
        const beat = await writeHeartbeat(p());
        beats++;
        if (!o.json) io.out(`heartbeat ${beat} at ${new Date().toISOString()}`);
        if (o.everySeconds === undefined) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, (o.everySeconds ?? 10) * 1000);
          io.signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
        });
      } while (!io.signal?.aborted);
      return { code: 0, result: { beats } };
    }
    case "lag": {
      const lag = await measureLag(s(), primary, { subscription: o.subscription, maxLagSeconds: o.maxLagSeconds });
      if (o.emf) {
        io.out(
          emfLine([
            { name: "ReplicationLagSeconds", unit: "Seconds", value: lag.seconds },
            { name: "ReplicationLagBytes", unit: "Bytes", value: lag.bytes },
          ]),
        );
      } else if (!o.json) {
        io.out(
          `lag ${lag.seconds ?? "unknown"}s (${lag.clock} clock), ${lag.bytes ?? "unknown"} bytes; ` +
            `standby beat ${lag.standbyBeat ?? "none"}, primary beat ${lag.primaryBeat ?? "n/a"}`,
        );
        for (const problem of lag.problems) io.out(`FAIL ${problem}`);
      }
      return { code: lag.problems.length === 0 ? 0 : 1, result: lag };
    }
    case "verify": {
      if (o.expect === "promoted") {
        const checks = await verifyPromoted(s());
        const ok = checks.every((c) => c.ok);
        // The Route 53 SECONDARY gate opens only on 1, and only while it keeps arriving.
        if (o.emf) io.out(emfLine([{ name: "StandbyPromoted", unit: "Count", value: ok ? 1 : 0 }]));
        return { code: o.json || o.emf ? (ok ? 0 : 1) : report(checks, io), result: { checks } };
      }
      const { checks, lag } = await verifyReplicating(s(), primary, {
        publication: o.publication,
        subscription: o.subscription,
        maxLagSeconds: o.maxLagSeconds,
      });
      if (o.emf)
        io.out(
          emfLine([
            { name: "ReplicationLagSeconds", unit: "Seconds", value: lag.seconds },
            { name: "ReplicationLagBytes", unit: "Bytes", value: lag.bytes },
          ]),
        );
      return {
        code: o.json || o.emf ? (checks.every((c) => c.ok) ? 0 : 1) : report(checks, io),
        result: { checks, lag },
      };
    }
    case "fence-primary":
      return { code: 0, result: await fencePrimary(p(), runner) };
    case "promote": {
      const result = await promote(s(), primary, runner, {
        subscription: o.subscription,
        sequenceMargin: o.sequenceMargin,
        timeoutMs: o.timeoutSeconds * 1000,
      });
      if (!o.json) {
        for (const q of result.sequences)
          io.out(`sequence ${q.sequence}: max in data ${q.maxInData}, next ${q.nextBefore} -> ${q.nextAfter}`);
        if (result.orphanSlot)
          io.out(
            `ACTION: drop replication slot ${result.orphanSlot} on the old primary when it returns (prepare-failback --stale-slot ${result.orphanSlot})`,
          );
      }
      const code = o.json ? (result.checks.every((c) => c.ok) ? 0 : 1) : report(result.checks, io);
      return { code, result };
    }
    case "reset-sequences": {
      const result = await resetSequences(s(), runner, o.sequenceMargin);
      if (!o.json)
        for (const q of result)
          io.out(`sequence ${q.sequence}: max in data ${q.maxInData}, next ${q.nextBefore} -> ${q.nextAfter}`);
      return { code: 0, result };
    }
    case "set-app-password": {
      const result = await setAppPassword(s(), runner, { role: o.role, password: o.appPassword ?? "" });
      if (!o.json)
        io.out(
          `${result.role}: member of ${result.memberOf.join(", ")} only; password ${o.dryRun ? "would be " : ""}set`,
        );
      return { code: 0, result };
    }
    case "rotate-replication-password": {
      const result = await rotateReplicationPassword(p(), s(), runner, {
        subscription: o.subscription,
        conninfo: o.subscriptionConninfo ?? "",
        password: o.replicationPassword ?? "",
        timeoutMs: o.timeoutSeconds * 1000,
      });
      if (!o.json)
        io.out(
          `${result.role}: password ${o.dryRun ? "would be " : ""}set on the primary; subscription ` +
            `${result.subscriptionUpdated ? (o.dryRun ? "would follow" : "follows") : "not created yet"}`,
        );
      return { code: 0, result };
    }
    case "prepare-failback":
      return {
        code: 0,
        result: await prepareFailback(p(), s(), runner, {
          ...subscriptionOptions,
          schemas: o.schemas,
          staleSlots: o.staleSlots,
          stalePublication: o.stalePublication,
        }),
      };
  }
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo,
): Promise<number> {
  const parsed = parseArgs(argv, env);
  if (parsed.kind === "help") {
    io.out(parsed.text);
    return 0;
  }
  if (parsed.kind === "error") {
    for (const e of parsed.errors) io.err(`dr: ${e}`);
    io.err("dr: run `dr --help` for usage");
    return 2;
  }
  const o = parsed.options;
  const runner = createRunner({ dryRun: o.dryRun, log: o.json || o.emf ? undefined : io.out });
  let primary: Client | undefined;
  let standby: Client | undefined;
  try {
    if (o.primaryUrl) primary = await open("primary", o.primaryUrl);
    if (o.standbyUrl) standby = await open("standby", o.standbyUrl);
    const { code, result } = await dispatch(o, primary, standby, runner, io);
    if (o.json) io.out(toJson({ command: o.command, dryRun: o.dryRun, steps: runner.steps, result }));
    return code;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`dr ${o.command}: ${error instanceof DrError ? message : `failed: ${message}`}`);
    return 1;
  } finally {
    await Promise.all([primary?.end().catch(() => undefined), standby?.end().catch(() => undefined)]);
  }
}

if (require.main === module) {
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  process.once("SIGTERM", () => controller.abort());
  void runCli(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    signal: controller.signal,
  }).then((code) => {
    process.exitCode = code;
  });
}
