/**
 * The replication login the subscription stores (issue 12 item 10): a dedicated role created by
 * migrations/fx/002 (dr_repl), never the operator's or Aurora's master user. Its password is the
 * stack's Key Vault secret `dr-replication-password`; the subscription carries it in its connection string, so a
 * rotation is two steps that must happen together: ALTER ROLE on the publisher, then ALTER
 * SUBSCRIPTION ... CONNECTION on the subscriber (the apply worker reconnects with the new one).
 */
import type { ClientBase } from "pg";
import { scramSha256Verifier } from "./app-login";
import { subscriptionInfo } from "./catalog";
import { DrError } from "./errors";
import type { Runner } from "./runner";
import { conninfoUser, ident, literal, redact, withPassword } from "./sql";

/** Roles whose members may do far more than replicate: a subscription must not log in as one. */
const ADMIN_ROLES = ["rds_superuser", "azure_pg_admin", "pg_write_all_data"];

interface LoginRow {
  rolsuper: boolean;
  rolcreaterole: boolean;
  rolcreatedb: boolean;
  rolreplication: boolean;
  rds_replication: boolean;
  admin_of: string[];
  is_operator: boolean;
}

/** Why `user` may not be the subscription's login on this publisher; empty when it may. */
export async function replicationLoginProblems(primary: ClientBase, user: string | undefined): Promise<string[]> {
  if (user === undefined)
    return [
      "the subscription connection string names no user: use the replication login, e.g. postgres://dr_repl@<host>:5432/fx?sslmode=verify-full",
    ];
  const { rows } = await primary.query<LoginRow>(
    `select r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication,
            exists (select 1 from pg_roles g where g.rolname = 'rds_replication' and pg_has_role(r.oid, g.oid, 'member')) as rds_replication,
            array(select g.rolname::text from pg_roles g where g.rolname = any($2::text[]) and pg_has_role(r.oid, g.oid, 'member')) as admin_of,
            r.rolname = current_user as is_operator
       from pg_roles r where r.rolname = $1`,
    [user, ADMIN_ROLES],
  );
  const row = rows[0];
  if (!row)
    return [`role ${user} does not exist on the primary: apply services/dr/migrations/fx there (002 creates dr_repl)`];
  const problems: string[] = [];
  if (row.is_operator)
    problems.push(
      `${user} is the login this tool runs as (the master/admin user): the subscription would ` +
        `store its password on the other cloud and stop when it rotates; use dr_repl`,
    );
  const powers = [
    row.rolsuper && "superuser",
    row.rolcreaterole && "createrole",
    row.rolcreatedb && "createdb",
    ...row.admin_of,
  ].filter(Boolean);
  if (powers.length > 0)
    problems.push(
      `${user} has ${powers.join(", ")}: the subscription's login may only replicate and read; use dr_repl (services/dr/migrations/fx/002)`,
    );
  if (!row.rolreplication && !row.rds_replication && !row.rolsuper)
    problems.push(
      `${user} may not replicate: grant rds_replication (Aurora) or REPLICATION (apply services/dr/migrations/fx/002)`,
    );
  return problems;
}

export interface RotateOptions {
  readonly subscription: string;
  /** The subscription's connection string without (or with an old) password. */
  readonly conninfo: string;
  readonly password: string;
  readonly timeoutMs: number;
}

export interface RotateResult {
  readonly role: string;
  readonly subscriptionUpdated: boolean;
}

/**
 * Sets the replication login's password on the publisher, then points the subscription at it.
 * Re-runnable; between the two statements the apply worker may fail one reconnect (it retries).
 */
export async function rotateReplicationPassword(
  primary: ClientBase,
  standby: ClientBase,
  runner: Runner,
  options: RotateOptions,
): Promise<RotateResult> {
  const role = conninfoUser(options.conninfo);
  const problems = await replicationLoginProblems(primary, role);
  if (options.password.length < 16)
    problems.push(
      `the new password is ${options.password.length} characters; use the stack's generated dr-replication-password secret (40)`,
    );
  if (problems.length > 0) throw new DrError("refusing to rotate the replication password", problems);
  const login = role as string;
  const alterRole = (secret: string) => `alter role ${ident(login)} password ${secret}`;
  await runner.apply(
    primary,
    "primary",
    `set the password of ${login} (SCRAM-SHA-256 verifier)`,
    alterRole(literal(scramSha256Verifier(options.password))),
    alterRole("'****'"),
  );
  const sub = await subscriptionInfo(standby, options.subscription);
  if (!sub) {
    runner.note(
      `no subscription ${options.subscription} on the standby yet: setup-subscription will store the new password`,
    );
    return { role: login, subscriptionUpdated: false };
  }
  const conninfo = withPassword(options.conninfo, options.password);
  const alter = (c: string) => `alter subscription ${ident(options.subscription)} connection ${literal(c)}`;
  await runner.apply(
    standby,
    "standby",
    `point subscription ${options.subscription} at the new password`,
    alter(conninfo),
    alter(redact(conninfo)),
  );
  if (!runner.dryRun && sub.enabled) {
    // ALTER SUBSCRIPTION ... CONNECTION restarts the worker: wait for a new one that stays up.
    const deadline = Date.now() + options.timeoutMs;
    const restarted = async () => {
      const pid = (await subscriptionInfo(standby, options.subscription))?.workerPid ?? null;
      return pid !== null && pid !== sub.workerPid;
    };
    while (!(await restarted())) {
      if (Date.now() > deadline)
        throw new DrError(
          `the apply worker of ${options.subscription} did not reconnect within ${options.timeoutMs / 1000}s`,
          ["check the standby's log for 'password authentication failed'; re-run with the password the primary has"],
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    runner.note(`apply worker of ${options.subscription} reconnected as ${login}`);
  }
  return { role: login, subscriptionUpdated: true };
}
