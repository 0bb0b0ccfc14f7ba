/**
 * Command-line parsing for services/dr/cli.ts: pure (argv and env in, typed options or every
 * problem out), so each error message is tested without starting a database.
 */
import { parseFlags } from "../../platform-rules/cli-flags";
import { printable } from "../../platform-rules/text";
import { NAME_PATTERN } from "./sql";

export const COMMANDS = {
  "apply-schema": "apply migration files (*.sql, name order) to --target primary|standby; re-runs apply only new files",
  "setup-publication": "primary: heartbeat table and a publication of every table in --schemas (idempotent)",
  "setup-subscription": "standby: check the schema, fence the database, subscribe to the primary (idempotent)",
  heartbeat: "primary: write one heartbeat, or one every --every seconds until interrupted",
  lag: "replication lag in seconds (heartbeat) and bytes (slot); exit 1 above --max-lag-seconds",
  verify: "checks for --expect replicating (default) or promoted; exit 1 when one fails",
  "fence-primary": "planned switchover: make the primary read-only, end its sessions, write a final heartbeat",
  promote: "standby: stop replication, reset sequences, lift the fence, verify (re-runnable)",
  "reset-sequences": "standby: move every sequence behind its data to max + --sequence-margin",
  "prepare-failback": "re-seed --standby (the old primary) from --primary (the current one); needs --reset-standby",
  "set-app-password":
    "standby: give the API's login (--role, trade_api) the password in DR_APP_DB_PASSWORD, after checking its grants",
  "rotate-replication-password":
    "primary: give the replication login (DR_SUBSCRIPTION_CONNINFO's user) DR_REPLICATION_PASSWORD; standby: ALTER SUBSCRIPTION ... CONNECTION to match",
} as const;
export type Command = keyof typeof COMMANDS;

type FlagKind = "string" | "boolean";
const FLAGS: Record<string, FlagKind> = {
  primary: "string",
  standby: "string",
  publication: "string",
  subscription: "string",
  "dry-run": "boolean",
  json: "boolean",
  emf: "boolean",
  schemas: "string",
  "subscription-conninfo": "string",
  "allow-plaintext-replication": "boolean",
  "reset-standby": "boolean",
  every: "string",
  "max-lag-seconds": "string",
  expect: "string",
  "sequence-margin": "string",
  "timeout-seconds": "string",
  "standby-only": "boolean",
  "stale-slot": "string",
  "stale-publication": "string",
  target: "string",
  migrations: "string",
  database: "string",
  role: "string",
  help: "boolean",
};
const COMMON = ["primary", "standby", "publication", "subscription", "dry-run", "json", "help"];
const ALLOWED: Record<Command, readonly string[]> = {
  "apply-schema": ["target", "migrations", "database"],
  "setup-publication": ["schemas"],
  "setup-subscription": ["subscription-conninfo", "allow-plaintext-replication", "reset-standby"],
  heartbeat: ["every"],
  lag: ["max-lag-seconds", "standby-only", "emf"],
  verify: ["max-lag-seconds", "standby-only", "expect", "emf"],
  "fence-primary": [],
  promote: ["sequence-margin", "timeout-seconds", "standby-only"],
  "reset-sequences": ["sequence-margin"],
  "prepare-failback": [
    "schemas",
    "subscription-conninfo",
    "allow-plaintext-replication",
    "reset-standby",
    "stale-slot",
    "stale-publication",
  ],
  "set-app-password": ["role"],
  "rotate-replication-password": ["subscription-conninfo", "timeout-seconds"],
};
/** Which connections a command needs ("optional": used when given, e.g. lag with or without the primary). */
const NEEDS: Record<Command, { primary: "required" | "optional" | "unused"; standby: "required" | "unused" }> = {
  "apply-schema": { primary: "optional", standby: "unused" },
  "setup-publication": { primary: "required", standby: "unused" },
  "setup-subscription": { primary: "required", standby: "required" },
  heartbeat: { primary: "required", standby: "unused" },
  lag: { primary: "optional", standby: "required" },
  verify: { primary: "optional", standby: "required" },
  "fence-primary": { primary: "required", standby: "unused" },
  promote: { primary: "optional", standby: "required" },
  "reset-sequences": { primary: "unused", standby: "required" },
  "prepare-failback": { primary: "required", standby: "required" },
  "set-app-password": { primary: "unused", standby: "required" },
  "rotate-replication-password": { primary: "required", standby: "required" },
};

export interface CliOptions {
  readonly command: Command;
  readonly primaryUrl?: string;
  readonly standbyUrl?: string;
  readonly publication: string;
  readonly subscription: string;
  readonly dryRun: boolean;
  readonly json: boolean;
  /** lag/verify: print one CloudWatch EMF line (Platform/DR metrics) instead of text. */
  readonly emf: boolean;
  readonly schemas: readonly string[];
  readonly subscriptionConninfo?: string;
  readonly transport: "require-tls" | "allow-plaintext";
  readonly existingRows: "refuse" | "truncate";
  readonly everySeconds?: number;
  readonly maxLagSeconds: number;
  readonly expect: "replicating" | "promoted";
  readonly sequenceMargin: bigint;
  readonly timeoutSeconds: number;
  readonly staleSlots: readonly string[];
  readonly stalePublication?: string;
  readonly target?: "primary" | "standby";
  readonly migrations?: string;
  /** set-app-password: the login (default trade_api) and its password (DR_APP_DB_PASSWORD only: never a flag, so never in shell history or `ps`). */
  readonly role: string;
  readonly appPassword?: string;
  /** Password of the replication login (DR_REPLICATION_PASSWORD only, never a flag); put into the subscription's conninfo. */
  readonly replicationPassword?: string;
}

export type ParseResult =
  | { readonly kind: "help"; readonly text: string }
  | { readonly kind: "error"; readonly errors: readonly string[] }
  | { readonly kind: "ok"; readonly options: CliOptions };

export const USAGE = `usage: dr <command> [flags]

commands:
${Object.entries(COMMANDS)
  .map(([c, d]) => `  ${c.padEnd(20)}${d}`)
  .join("\n")}

connections (flags win over the environment):
  --primary URL        or PRIMARY_DATABASE_URL   postgres://user:pass@host:5432/fx?sslmode=verify-full
  --standby URL        or STANDBY_DATABASE_URL
  --subscription-conninfo URL  or DR_SUBSCRIPTION_CONNINFO: how the standby server reaches the primary, as the
                       replication login dr_repl (never the operator/master login); its password comes from
                       DR_REPLICATION_PASSWORD; sslmode=verify-full (or require) unless --allow-plaintext-replication
  --standby-only       ignore PRIMARY_DATABASE_URL (lag, verify, promote when the primary is down)

other flags: --publication NAME (fx_dr) --subscription NAME (fx_dr_sub) --schemas a,b (public)
  --max-lag-seconds N (300) --sequence-margin N (1000000) --timeout-seconds N (60) --every N
  --expect replicating|promoted --reset-standby --stale-slot a,b --stale-publication NAME
  --target primary|standby --migrations DIR --database NAME (apply-schema on another database of that server,
  e.g. postgres) --role NAME (trade_api; password from DR_APP_DB_PASSWORD) --dry-run (print the SQL, change nothing) --json
  --emf (lag, verify: one CloudWatch Embedded Metric Format line for the Platform/DR alarms)

exit codes: 0 done / healthy, 1 a check or step failed, 2 bad usage`;

function positiveInt(flag: string, raw: string | undefined, fallback: number, errors: string[]): number {
  if (raw === undefined) return fallback;
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) {
    errors.push(`--${flag} must be a positive whole number; got "${raw}"`);
    return fallback;
  }
  return Number(raw);
}

function names(flag: string, raw: string, errors: string[]): string[] {
  const list = raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  for (const n of list)
    if (!NAME_PATTERN.test(n))
      errors.push(`--${flag} "${n}" is not a valid name (lower-case letters, digits, _; at most 63)`);
  if (list.length === 0) errors.push(`--${flag} needs at least one name`);
  return list;
}

function pgUrl(flag: string, raw: string | undefined, errors: string[]): string | undefined {
  if (raw !== undefined && !/^postgres(ql)?:\/\/\S+$/.test(raw))
    errors.push(`${flag} must be a postgres:// or postgresql:// URL`);
  return raw;
}

export function parseArgs(argv: readonly string[], rawEnv: Readonly<Record<string, string | undefined>>): ParseResult {
  // An exported-but-empty variable (`PRIMARY_DATABASE_URL=`) means "not set".
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== undefined && v !== ""));
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help")
    return { kind: "help", text: USAGE };
  if (!(first in COMMANDS))
    return {
      kind: "error",
      errors: [`unknown command "${first}"; expected one of: ${Object.keys(COMMANDS).join(", ")}`],
    };
  const command = first as Command;
  const errors: string[] = [];
  const allowed = [...COMMON, ...ALLOWED[command]];
  const parsed = parseFlags(rest, Object.fromEntries(allowed.map((flag) => [flag, { type: FLAGS[flag] }])));
  for (const p of parsed.problems) {
    if (p.kind === "unknown") errors.push(`unknown flag ${p.flag} for ${command}`);
    else if (p.kind === "positional")
      errors.push(`unexpected argument "${redactArgument(p.flag)}"; flags look like --name value`);
    else errors.push(p.message);
  }
  const values = new Map(Object.entries(parsed.values).filter(([, v]) => v !== undefined));
  if (values.has("json") && values.has("emf")) errors.push("--json and --emf are two output formats; give one");
  if (values.has("help")) return { kind: "help", text: `${command}: ${COMMANDS[command]}\n\n${USAGE}` };
  const str = (flag: string) => (typeof values.get(flag) === "string" ? (values.get(flag) as string) : undefined);
  const flagSet = (flag: string) => values.get(flag) === true;

  const standbyOnly = flagSet("standby-only");
  const primaryUrl = pgUrl(
    "--primary / PRIMARY_DATABASE_URL",
    str("primary") ?? (standbyOnly ? undefined : env.PRIMARY_DATABASE_URL),
    errors,
  );
  const standbyUrl = pgUrl("--standby / STANDBY_DATABASE_URL", str("standby") ?? env.STANDBY_DATABASE_URL, errors);
  if (standbyOnly && str("primary") !== undefined)
    errors.push("--standby-only and --primary contradict each other; give one");
  const target = str("target");
  const needs = NEEDS[command];
  if (command === "apply-schema") {
    if (target !== "primary" && target !== "standby")
      errors.push(`--target must be primary or standby; got ${target === undefined ? "nothing" : `"${target}"`}`);
    if (str("migrations") === undefined) errors.push("--migrations DIR is required");
    if (target === "primary" && primaryUrl === undefined)
      errors.push("no primary connection: pass --primary URL or set PRIMARY_DATABASE_URL");
    if (target === "standby" && standbyUrl === undefined)
      errors.push("no standby connection: pass --standby URL or set STANDBY_DATABASE_URL");
  }
  if (needs.primary === "required" && primaryUrl === undefined)
    errors.push("no primary connection: pass --primary URL or set PRIMARY_DATABASE_URL");
  if (needs.standby === "required" && standbyUrl === undefined)
    errors.push("no standby connection: pass --standby URL or set STANDBY_DATABASE_URL");

  const expect = str("expect") ?? "replicating";
  if (expect !== "replicating" && expect !== "promoted")
    errors.push(`--expect must be replicating or promoted; got "${expect}"`);
  const margin = str("sequence-margin") ?? "1000000";
  if (!/^[1-9][0-9]{0,17}$/.test(margin))
    errors.push(`--sequence-margin must be a positive whole number; got "${margin}"`);
  // Never the primary URL by default: that is the operator's (Aurora master) login, which the
  // subscription would then store on the other cloud (issue 12 item 10).
  const conninfo = str("subscription-conninfo") ?? env.DR_SUBSCRIPTION_CONNINFO;
  const replicationPassword = env.DR_REPLICATION_PASSWORD;
  if (
    ["setup-subscription", "prepare-failback", "rotate-replication-password"].includes(command) &&
    conninfo === undefined
  ) {
    errors.push(
      "no subscription connection: pass --subscription-conninfo URL or set " +
        "DR_SUBSCRIPTION_CONNINFO (postgres://dr_repl@<primary private " +
        "name>:5432/fx?sslmode=verify-full), the replication login, never the operator's",
    );
  }
  if (command === "rotate-replication-password" && replicationPassword === undefined) {
    errors.push(
      'set DR_REPLICATION_PASSWORD to the dr-replication-password Key Vault secret (see services/dr/README.md, "Rotating the replication password")',
    );
  }
  const database = str("database");
  if (database !== undefined && !NAME_PATTERN.test(database))
    errors.push(`--database must be a plain lower-case name; got "${database}"`);
  const onDatabase = (url: string | undefined) => {
    if (url === undefined || database === undefined || !NAME_PATTERN.test(database)) return url;
    const u = new URL(url);
    u.pathname = `/${database}`;
    return u.toString();
  };
  if (command === "prepare-failback" && !flagSet("reset-standby")) {
    errors.push(
      "prepare-failback replaces the standby's replicated tables: pass --reset-standby to " +
        "confirm (export unreplicated rows first, see docs/runbooks/failback.md)",
    );
  }
  if (command === "set-app-password" && env.DR_APP_DB_PASSWORD === undefined) {
    errors.push(
      "set DR_APP_DB_PASSWORD to the app-db-password Key Vault secret (az keyvault secret show " +
        '--id "$(pulumi stack output drStandbyAppDbPasswordSecretUri)" --query value -o tsv)',
    );
  }
  const options: CliOptions = {
    command,
    primaryUrl:
      needs.primary === "unused" && command !== "apply-schema"
        ? undefined
        : target === "primary"
          ? onDatabase(primaryUrl)
          : primaryUrl,
    standbyUrl:
      needs.standby === "unused" && !(command === "apply-schema" && target === "standby")
        ? undefined
        : target === "standby"
          ? onDatabase(standbyUrl)
          : standbyUrl,
    publication: names("publication", str("publication") ?? "fx_dr", errors)[0] ?? "fx_dr",
    subscription: names("subscription", str("subscription") ?? "fx_dr_sub", errors)[0] ?? "fx_dr_sub",
    dryRun: flagSet("dry-run"),
    json: flagSet("json"),
    emf: flagSet("emf"),
    schemas: names("schemas", str("schemas") ?? "public", errors),
    subscriptionConninfo: conninfo,
    transport: flagSet("allow-plaintext-replication") ? "allow-plaintext" : "require-tls",
    existingRows: flagSet("reset-standby") ? "truncate" : "refuse",
    everySeconds: str("every") === undefined ? undefined : positiveInt("every", str("every"), 10, errors),
    maxLagSeconds: positiveInt("max-lag-seconds", str("max-lag-seconds"), 300, errors),
    expect: expect === "promoted" ? "promoted" : "replicating",
    sequenceMargin: /^[1-9][0-9]{0,17}$/.test(margin) ? BigInt(margin) : 1_000_000n,
    timeoutSeconds: positiveInt("timeout-seconds", str("timeout-seconds"), 60, errors),
    staleSlots: str("stale-slot") === undefined ? [] : names("stale-slot", str("stale-slot") as string, errors),
    stalePublication:
      str("stale-publication") === undefined
        ? undefined
        : names("stale-publication", str("stale-publication") as string, errors)[0],
    target: target === "primary" || target === "standby" ? target : undefined,
    migrations: str("migrations"),
    role: names("role", str("role") ?? "trade_api", errors)[0] ?? "trade_api",
    appPassword: command === "set-app-password" ? env.DR_APP_DB_PASSWORD : undefined,
    replicationPassword,
  };
  return errors.length > 0 ? { kind: "error", errors } : { kind: "ok", options };
}

/**
 * A stray argument as it may be shown: a mis-quoted connection string leaves pieces such as
 * `password=S3cretPW` or `postgres://u:S3cret@h` on the command line, so values of secret-like
 * keys and URL passwords are masked, and control characters escaped.
 */
export function redactArgument(arg: string): string {
  return printable(
    arg
      .replace(/((?:pass(?:word)?|pwd|secret|token|key)\s*=\s*)('[^']*'|"[^"]*"|\S+)/gi, "$1***")
      .replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, "$1***@"),
    { keepLayout: false },
  );
}
