/**
 * `dr set-app-password` on real PostgreSQL 17: the standby gets the trade-api migrations (as the
 * Azure admin would apply them), then the step gives `trade_api` its password. The server
 * authenticates with passwords (not trust), so a login proves the verifier.
 */
import { strict as assert } from "node:assert";
import { Client } from "pg";
import { MIGRATIONS, migrate } from "../trade-api/store/migrations";
import { startPostgres, type RunningPostgres } from "../testing/embedded-postgres";
import { appLoginProblems, scramSha256Verifier, setAppPassword } from "./app-login";
import { parseArgs } from "./args";
import { runCli } from "./cli";
import { createRunner } from "./runner";

const PASSWORD = "Gen3rated-password_from.key~vault-0123456";

describe("set-app-password", () => {
  let pg: RunningPostgres;
  let database = 0;
  before(async () => {
    pg = await startPostgres();
  });
  after(async () => {
    await pg.stop();
  });

  /** A fresh database with the trade-api migrations applied, and an admin client on it. */
  async function migrated(): Promise<{ name: string; admin: Client }> {
    const name = `standby_${++database}`;
    await pg.createDatabase(name);
    const pool = pg.pool(name, { max: 1 });
    await migrate(pool, MIGRATIONS);
    await pool.end();
    return { name, admin: await pg.client(name) };
  }

  const login = async (name: string, password: string): Promise<Client> => {
    const c = new Client({ host: "127.0.0.1", port: pg.port, database: name, user: "trade_api", password });
    await c.connect();
    return c;
  };

  describe("on a migrated standby", () => {
    let name: string;
    let admin: Client;
    let api: Client;
    before(async () => {
      ({ name, admin } = await migrated());
      await setAppPassword(admin, createRunner(), { password: PASSWORD });
      api = await login(name, PASSWORD);
    });
    after(async () => {
      await api.end();
      await admin.end();
    });

    it("should let trade_api log in with the password", async () => {
      assert.equal((await api.query<{ u: string }>("select current_user as u")).rows[0]?.u, "trade_api");
    });

    it("should refuse trade_api with another password", async () => {
      await assert.rejects(login(name, `${PASSWORD}x`), /password authentication failed for user "trade_api"/);
    });

    it("should store a SCRAM-SHA-256 verifier, never the clear text", async () => {
      const { rows } = await admin.query<{ p: string }>(
        "select rolpassword as p from pg_authid where rolname = 'trade_api'",
      );
      assert.ok(rows[0]?.p.startsWith("SCRAM-SHA-256$4096:") && !rows[0].p.includes(PASSWORD), rows[0]?.p);
    });

    it("should let trade_api book through trade.append_orders (trade_api_writer's grant)", async () => {
      const { rows } = await api.query<{ ok: boolean }>(
        "select has_function_privilege('trade.append_orders(text[], text[], text[], uuid[], text[])', 'execute') as ok",
      );
      assert.equal(rows[0]?.ok, true);
    });

    it("should not let trade_api delete ledger entries", async () => {
      await assert.rejects(api.query("delete from trade.ledger_entries"), /permission denied/);
    });

    it("should not let trade_api create tables", async () => {
      await assert.rejects(api.query("create table trade.sneaky (id int)"), /permission denied/);
    });

    it("should accept a second run (a fresh verifier of the same password)", async () => {
      await setAppPassword(admin, createRunner(), { password: PASSWORD });
      const again = await login(name, PASSWORD);
      await again.end();
    });
  });

  it("should refuse, naming the migration, when trade_api does not exist", async () => {
    await pg.createDatabase("empty_standby");
    const admin = await pg.client("empty_standby");
    try {
      // Roles are cluster-wide: look for a role that no migration created.
      await assert.rejects(
        setAppPassword(admin, createRunner(), { role: "no_such_login", password: PASSWORD }),
        /role no_such_login does not exist: apply the trade-api migrations/,
      );
    } finally {
      await admin.end();
    }
  });

  it("should refuse when the login holds another role besides trade_api_writer", async () => {
    const { admin } = await migrated();
    try {
      await admin.query("create role extra_login login; grant trade_api_writer, pg_read_all_data to extra_login");
      await assert.rejects(
        setAppPassword(admin, createRunner(), { role: "extra_login", password: PASSWORD }),
        /extra_login is a member of pg_read_all_data besides trade_api_writer/,
      );
    } finally {
      await admin.end();
    }
  });

  async function dryRun(role: string): Promise<{ admin: Client; lines: string[] }> {
    const { admin } = await migrated();
    const lines: string[] = [];
    await admin.query(`create role ${role} login; grant trade_api_writer to ${role}`);
    await setAppPassword(admin, createRunner({ dryRun: true, log: (l) => lines.push(l) }), {
      role,
      password: PASSWORD,
    });
    return { admin, lines };
  }

  it("should change nothing in a dry run", async () => {
    const { admin } = await dryRun("dry_login");
    try {
      const { rows } = await admin.query<{ p: string | null }>(
        "select rolpassword as p from pg_authid where rolname = 'dry_login'",
      );
      assert.equal(rows[0]?.p, null);
    } finally {
      await admin.end();
    }
  });

  it("should print the statement of a dry run with the verifier redacted", async () => {
    const { admin, lines } = await dryRun("dry_login_2");
    await admin.end();
    assert.equal(
      lines.join("\n"),
      `-- [standby] set the password of dry_login_2 (SCRAM-SHA-256 verifier)\nalter role "dry_login_2" password '****';`,
    );
  });

  it("should exit 0 from the CLI with the password from DR_APP_DB_PASSWORD", async () => {
    const { name, admin } = await migrated();
    await admin.end();
    const out: string[] = [];
    const code = await runCli(
      ["set-app-password"],
      { STANDBY_DATABASE_URL: pg.connectionString(name), DR_APP_DB_PASSWORD: PASSWORD },
      { out: (l) => out.push(l), err: (l) => out.push(l) },
    );
    assert.deepEqual([code, out.at(-1)], [0, "trade_api: member of trade_api_writer only; password set"]);
  });
});

describe("appLoginProblems", () => {
  const plain = {
    rolcanlogin: true,
    rolsuper: false,
    rolcreatedb: false,
    rolcreaterole: false,
    rolreplication: false,
    rolbypassrls: false,
    member_of: ["trade_api_writer"],
  };

  it("should find no problem with a plain login in its group only", async () => {
    assert.deepEqual(appLoginProblems("trade_api", "trade_api_writer", plain), []);
  });

  it("should name the attributes a login must not have", async () => {
    assert.deepEqual(
      appLoginProblems("trade_api", "trade_api_writer", { ...plain, rolcreaterole: true, rolbypassrls: true }),
      ["role trade_api has createrole, bypassrls: remove them (ALTER ROLE trade_api NO...), it must be a plain login"],
    );
  });

  it("should say when the login is not in its group", async () => {
    assert.deepEqual(appLoginProblems("trade_api", "trade_api_writer", { ...plain, member_of: [] }), [
      "role trade_api is not a member of trade_api_writer: apply the trade-api migrations (005_api_login grants it)",
    ]);
  });

  it("should say when the role cannot log in", async () => {
    assert.match(
      appLoginProblems("trade_api", "trade_api_writer", { ...plain, rolcanlogin: false }).join("\n"),
      /role trade_api cannot log in/,
    );
  });
});

describe("scramSha256Verifier", () => {
  it("should write PostgreSQL's stored form", async () => {
    assert.match(
      scramSha256Verifier("a-password-0123456"),
      /^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/,
    );
  });

  it("should refuse a password that SASLprep could change", async () => {
    assert.throws(() => scramSha256Verifier("pässword with space"), /printable ASCII without spaces/);
  });
});

describe("set-app-password args", () => {
  it("should require DR_APP_DB_PASSWORD rather than a flag", async () => {
    const r = parseArgs(["set-app-password", "--standby", "postgres://u:p@10.1.0.5:5432/fx"], {});
    assert.match(
      r.kind === "error" ? r.errors.join("\n") : "",
      /set DR_APP_DB_PASSWORD to the app-db-password Key Vault secret/,
    );
  });

  it("should default the login to trade_api", async () => {
    const r = parseArgs(["set-app-password", "--standby", "postgres://u:p@10.1.0.5:5432/fx"], {
      DR_APP_DB_PASSWORD: PASSWORD,
    });
    assert.equal(r.kind === "ok" ? r.options.role : "", "trade_api");
  });
});
