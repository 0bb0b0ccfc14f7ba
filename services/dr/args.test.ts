import { strict as assert } from "node:assert";
import { parseArgs, USAGE, type CliOptions } from "./args";

const P = "postgres://u:p@10.0.0.5:5432/fx?sslmode=require";
const S = "postgres://u:p@10.1.0.5:5432/fx?sslmode=require";
const VIA = { DR_SUBSCRIPTION_CONNINFO: "postgres://dr_repl@10.0.0.5:5432/fx?sslmode=verify-full" };
const errorsOf = (argv: string[], env: Record<string, string> = {}) => {
  const r = parseArgs(argv, env);
  return r.kind === "error" ? r.errors : [];
};
const optionsOf = (argv: string[], env: Record<string, string> = {}): CliOptions => {
  const r = parseArgs(argv, env);
  if (r.kind !== "ok") throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.options;
};

describe("dr args", () => {
  it("should print usage when no command is given", async () => {
    assert.deepEqual(parseArgs([], {}), { kind: "help", text: USAGE });
  });

  it("should name the unknown command and list the valid ones", async () => {
    assert.match(
      errorsOf(["failover"])[0] ?? "",
      /^unknown command "failover"; expected one of: apply-schema, setup-publication/,
    );
  });

  it("should reject a flag the command does not take", async () => {
    assert.deepEqual(errorsOf(["lag", "--standby", S, "--reset-standby"]), ["unknown flag --reset-standby for lag"]);
  });

  it("should reject a misspelled flag", async () => {
    assert.deepEqual(errorsOf(["lag", "--standby", S, "--max-lag=5"]), ["unknown flag --max-lag for lag"]);
  });

  it("should reject a bare argument", async () => {
    assert.deepEqual(errorsOf(["lag", "--standby", S, "now"]), [
      'unexpected argument "now"; flags look like --name value',
    ]);
  });

  it("should say which connection is missing when neither flag nor environment gives it", async () => {
    assert.deepEqual(errorsOf(["setup-subscription", "--standby", S], VIA), [
      "no primary connection: pass --primary URL or set PRIMARY_DATABASE_URL",
    ]);
  });

  it("should take connections from the environment", async () => {
    const o = optionsOf(["setup-subscription"], { PRIMARY_DATABASE_URL: P, STANDBY_DATABASE_URL: S, ...VIA });
    assert.deepEqual([o.primaryUrl, o.standbyUrl], [P, S]);
  });

  it("should treat an empty environment variable as unset", async () => {
    assert.equal(optionsOf(["lag"], { PRIMARY_DATABASE_URL: "", STANDBY_DATABASE_URL: S }).primaryUrl, undefined);
  });

  it("should prefer the flag over the environment", async () => {
    assert.equal(optionsOf(["lag", "--standby", S], { STANDBY_DATABASE_URL: "postgres://other/x" }).standbyUrl, S);
  });

  it("should ignore PRIMARY_DATABASE_URL when --standby-only is given", async () => {
    assert.equal(
      optionsOf(["promote", "--standby-only"], { PRIMARY_DATABASE_URL: P, STANDBY_DATABASE_URL: S }).primaryUrl,
      undefined,
    );
  });

  it("should reject --standby-only together with --primary", async () => {
    assert.deepEqual(errorsOf(["lag", "--standby", S, "--primary", P, "--standby-only"]), [
      "--standby-only and --primary contradict each other; give one",
    ]);
  });

  it("should reject a connection string that is not a postgres URL", async () => {
    assert.deepEqual(errorsOf(["lag", "--standby", "host=x dbname=y"]), [
      "--standby / STANDBY_DATABASE_URL must be a postgres:// or postgresql:// URL",
    ]);
  });

  it("should reject a non-numeric lag limit", async () => {
    assert.deepEqual(errorsOf(["lag", "--standby", S, "--max-lag-seconds", "5m"]), [
      '--max-lag-seconds must be a positive whole number; got "5m"',
    ]);
  });

  it("should reject a zero sequence margin", async () => {
    assert.deepEqual(errorsOf(["reset-sequences", "--standby", S, "--sequence-margin", "0"]), [
      '--sequence-margin must be a positive whole number; got "0"',
    ]);
  });

  it("should reject an invalid object name", async () => {
    assert.deepEqual(errorsOf(["lag", "--standby", S, "--subscription", "Sub-1"]), [
      '--subscription "Sub-1" is not a valid name (lower-case letters, digits, _; at most 63)',
    ]);
  });

  it("should reject an unknown --expect value", async () => {
    assert.deepEqual(errorsOf(["verify", "--standby", S, "--expect", "ready"]), [
      '--expect must be replicating or promoted; got "ready"',
    ]);
  });

  it("should require --target for apply-schema", async () => {
    assert.ok(
      errorsOf(["apply-schema", "--migrations", "m"]).includes("--target must be primary or standby; got nothing"),
    );
  });

  it("should require --migrations for apply-schema", async () => {
    assert.ok(
      errorsOf(["apply-schema", "--target", "standby", "--standby", S]).includes("--migrations DIR is required"),
    );
  });

  it("should require --reset-standby for prepare-failback", async () => {
    assert.match(
      errorsOf(["prepare-failback", "--primary", P, "--standby", S], VIA)[0] ?? "",
      /^prepare-failback replaces the standby's replicated tables: pass --reset-standby/,
    );
  });

  it("should reject a flag given twice", async () => {
    assert.deepEqual(errorsOf(["lag", "--standby", S, "--json", "--json"]), ["--json given twice"]);
  });

  it("should reject a value flag with no value", async () => {
    assert.deepEqual(errorsOf(["lag", "--standby", S, "--max-lag-seconds"]), ["--max-lag-seconds needs a value"]);
  });

  it("should reject a value on a boolean flag", async () => {
    assert.deepEqual(errorsOf(["lag", "--standby", S, "--json=yes"]), ["--json takes no value"]);
  });

  it("should reject --json together with --emf", async () => {
    assert.deepEqual(errorsOf(["lag", "--standby", S, "--json", "--emf"]), [
      "--json and --emf are two output formats; give one",
    ]);
  });

  it("should default the lag limit to the 5-minute RPO", async () => {
    assert.equal(optionsOf(["lag", "--standby", S]).maxLagSeconds, 300);
  });

  it("should refuse to default the subscription connection string to the primary URL (the operator's login)", async () => {
    assert.match(
      errorsOf(["setup-subscription", "--primary", P, "--standby", S])[0] ?? "",
      /^no subscription connection: pass --subscription-conninfo URL or set DR_SUBSCRIPTION_CONNINFO .*never the operator's$/,
    );
  });

  it("should require DR_REPLICATION_PASSWORD for rotate-replication-password", async () => {
    assert.deepEqual(errorsOf(["rotate-replication-password", "--primary", P, "--standby", S], VIA), [
      'set DR_REPLICATION_PASSWORD to the dr-replication-password Key Vault secret (see services/dr/README.md, "Rotating the replication password")',
    ]);
  });

  it("should point apply-schema at another database of the target with --database", async () => {
    assert.equal(
      optionsOf(["apply-schema", "--target", "primary", "--primary", P, "--migrations", "m", "--database", "postgres"])
        .primaryUrl,
      "postgres://u:p@10.0.0.5:5432/postgres?sslmode=require",
    );
  });

  it("should reject a --database that is not a plain name", async () => {
    assert.ok(
      errorsOf([
        "apply-schema",
        "--target",
        "primary",
        "--primary",
        P,
        "--migrations",
        "m",
        "--database",
        "Fx;drop",
      ]).includes('--database must be a plain lower-case name; got "Fx;drop"'),
    );
  });

  it("should take the subscription connection string from DR_SUBSCRIPTION_CONNINFO", async () => {
    const via = "postgres://repl:x@10.0.3.7:5432/fx?sslmode=require";
    assert.equal(
      optionsOf(["setup-subscription", "--primary", P, "--standby", S], { DR_SUBSCRIPTION_CONNINFO: via })
        .subscriptionConninfo,
      via,
    );
  });

  it("should split --schemas on commas", async () => {
    assert.deepEqual(optionsOf(["setup-publication", "--primary", P, "--schemas", "ledger,public"]).schemas, [
      "ledger",
      "public",
    ]);
  });

  it("should accept --flag=value", async () => {
    assert.equal(optionsOf(["promote", "--standby", S, "--sequence-margin=5000"]).sequenceMargin, 5000n);
  });

  it("should not echo the password of a stray piece of a mis-quoted connection string", async () => {
    const errors = errorsOf([
      "lag",
      "--standby",
      "host=10.1.0.5",
      "password=S3cretPW",
      "postgres://u:Hunter2@h/fx",
    ]).join("\n");
    assert.doesNotMatch(errors, /S3cretPW|Hunter2/);
    assert.match(errors, /password=\*\*\*/);
  });
});
