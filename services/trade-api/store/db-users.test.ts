/**
 * The `trade_api` login that migration 005 creates, on real PostgreSQL 17. The migrations run
 * as the server's superuser, standing in for the RDS master user. On Aurora trade_api logs in
 * with IAM tokens (rds_iam); here the test gives it a password, as only a superuser can.
 */
import assert from "node:assert/strict";
import type { Pool } from "pg";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { orderRecord as record } from "../testing/order-record";
import { writeDigest } from "./digest-writer";
import { MemoryAuditPublisher, newAuditEvent } from "../../shared/audit-event";
import {
  LEDGER_CHAINS,
  MIGRATIONS,
  TRADE_API_DB_USER,
  TRADE_DIGEST_DB_USER,
  TRADE_OUTBOX_DB_USER,
  migrate,
} from "./migrations";
import { sweepOutbox } from "./outbox";
import { PgOrderStore } from "./pg-store";

const ORDER_ID = "00000000-0000-4000-8000-0000000000a1";

/** Idle connections die when a test server stops; that is expected, not an uncaught error. */
const quiet = (p: Pool): Pool => p.on("error", () => undefined);

const memberships = async (pool: Pool, role: string): Promise<string[]> =>
  (
    await pool.query<{ rolname: string }>(
      "select g.rolname from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles u on u.oid = m.member where u.rolname = $1 order by 1",
      [role],
    )
  ).rows.map((r) => r.rolname);

describe("migrations: the trade_api database user", () => {
  let pg: RunningPostgres;
  let admin: Pool;
  let api: Pool;
  /** A pool logged in as `user` with a test-only password (on Aurora these logins use IAM tokens). */
  const loginAs = async (user: string, max = 1): Promise<Pool> => {
    await admin.query(`alter role ${user} password 'test-only'`);
    return quiet(
      pg.pool(undefined, {
        user,
        password: "test-only",
        connectionString: undefined,
        host: "127.0.0.1",
        port: pg.port,
        database: "postgres",
        max,
      }),
    );
  };
  before(async () => {
    pg = await startPostgres();
    admin = quiet(pg.pool());
    await migrate(admin);
    api = await loginAs(TRADE_API_DB_USER, 2);
  });
  after(async () => {
    await api.end();
    await admin.end();
    await pg.stop();
  });

  it("should create trade_api as a login role", async () => {
    const { rows } = await admin.query<{ rolcanlogin: boolean }>(
      "select rolcanlogin from pg_roles where rolname = $1",
      [TRADE_API_DB_USER],
    );
    assert.deepEqual(rows, [{ rolcanlogin: true }]);
  });

  it("should give trade_api no superuser, createdb, createrole, replication or bypassrls attribute", async () => {
    const { rows } = await admin.query(
      "select rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls from pg_roles where rolname = $1",
      [TRADE_API_DB_USER],
    );
    assert.deepEqual(rows, [
      { rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false },
    ]);
  });

  it("should grant trade_api only trade_api_writer where there is no rds_iam role", async () => {
    assert.deepEqual(await memberships(admin, TRADE_API_DB_USER), ["trade_api_writer"]);
  });

  it("should let trade_api book orders through trade.book_order", async () => {
    const result = await new PgOrderStore(api).book({
      clientId: "c1",
      idempotencyKey: "k-1",
      requestHash: "h".repeat(64),
      price: async () => record(ORDER_ID),
    });
    assert.equal(result.replayed, false);
  });

  it("should let trade_api read what it booked", async () => {
    assert.equal((await new PgOrderStore(api).getOrder("c1", ORDER_ID))?.orderId, ORDER_ID);
  });

  it("should deny trade_api UPDATE on the ledger entries", async () => {
    await assert.rejects(
      api.query("update trade.ledger_entries set payload = '{}'"),
      /permission denied for table ledger_entries/,
    );
  });

  it("should deny trade_api DELETE on the ledger entries", async () => {
    await assert.rejects(api.query("delete from trade.ledger_entries"), /permission denied for table ledger_entries/);
  });

  it("should deny trade_api INSERT into the ledger entries: it books only through trade.book_order", async () => {
    await assert.rejects(
      api.query(
        "insert into trade.ledger_entries (chain, sequence, order_id, client_id, prev_hash, hash, payload) values (1, 9, gen_random_uuid(), 'c', 'p', 'h', '{}')",
      ),
      /permission denied for table ledger_entries/,
    );
  });

  it("should deny trade_api moving a chain head", async () => {
    await assert.rejects(
      api.query("update trade.ledger_chains set sequence = sequence + 1 where chain = 1"),
      /permission denied for table ledger_chains/,
    );
  });

  it("should deny trade_api writing a digest", async () => {
    await assert.rejects(
      api.query("insert into trade.ledger_digests select * from trade.ledger_digests"),
      /permission denied for table ledger_digests/,
    );
  });

  it("should let trade_digest insert digests and read heads, and nothing more", async () => {
    const digest = await loginAs(TRADE_DIGEST_DB_USER);
    try {
      const written = await writeDigest(digest);
      await assert.rejects(
        digest.query("select * from trade.ledger_entries"),
        /permission denied for table ledger_entries/,
      );
      assert.equal(written.heads.length, LEDGER_CHAINS + 1);
    } finally {
      await digest.end();
    }
  });

  it("should let trade_api book an order with its audit event and mark the event published", async () => {
    const store = new PgOrderStore(api);
    const orderId = "00000000-0000-4000-8000-0000000000a2";
    const result = await store.book({
      clientId: "c1",
      idempotencyKey: "k-outbox",
      requestHash: "h".repeat(64),
      price: async () => record(orderId),
      audit: (r) =>
        newAuditEvent({
          source: "fx.trade-api",
          actor: "c1",
          action: "order.book",
          resource: `order/${r.orderId}`,
          outcome: "SUCCESS",
          data: { ...r },
        }),
    });
    await store.markAuditPublished(result.auditEvent?.event_id ?? "missing");
    const { rows } = await admin.query(
      "select 1 from trade.audit_outbox where published_at is not null and event_id = $1",
      [result.auditEvent?.event_id],
    );
    assert.equal(rows.length, 1);
  });

  it("should deny trade_api changing an outbox event", async () => {
    await assert.rejects(
      api.query("update trade.audit_outbox set event = '{}'::jsonb"),
      /permission denied for table audit_outbox/,
    );
  });

  it("should let trade_outbox sweep the outbox, and nothing more", async () => {
    const outbox = await loginAs(TRADE_OUTBOX_DB_USER);
    try {
      await new PgOrderStore(api).book({
        clientId: "c1",
        idempotencyKey: "k-outbox-swept",
        requestHash: "h".repeat(64),
        price: async () => record("00000000-0000-4000-8000-0000000000a3"),
        audit: (r) =>
          newAuditEvent({
            source: "fx.trade-api",
            actor: "c1",
            action: "order.book",
            resource: "order/x",
            outcome: "SUCCESS",
            data: { ...r },
          }),
      });
      const swept = await sweepOutbox(outbox, new MemoryAuditPublisher(), { olderThanMs: 0, retainPublishedMs: 0 });
      await assert.rejects(
        outbox.query("select * from trade.ledger_entries"),
        /permission denied for table ledger_entries/,
      );
      assert.deepEqual([swept.published, swept.failed, swept.purged > 0], [1, 0, true]);
    } finally {
      await outbox.end();
    }
  });

  it("should deny trade_api creating tables in the trade schema", async () => {
    await assert.rejects(api.query("create table trade.extra (id int)"), /permission denied for schema trade/);
  });

  it("should deny trade_api creating tables in the public schema", async () => {
    await assert.rejects(api.query("create table public.extra (id int)"), /permission denied for schema public/);
  });

  it("should apply nothing when the migrations run again", async () => {
    assert.deepEqual(await migrate(admin), []);
  });

  it("should run migration 005 again without error when trade_api already exists", async () => {
    const sql = MIGRATIONS.find((m) => m.id === "005_api_login")?.sql ?? "missing";
    await admin.query(sql);
    assert.deepEqual(await memberships(admin, TRADE_API_DB_USER), ["trade_api_writer"]);
  });
});

describe("migrations: trade_api on RDS (an rds_iam role exists)", () => {
  let pg: RunningPostgres;
  let admin: Pool;
  before(async () => {
    pg = await startPostgres();
    admin = quiet(pg.pool());
    // RDS and Aurora create this role; granting it makes a login use IAM auth tokens only.
    await admin.query("create role rds_iam nologin");
    await migrate(admin);
  });
  after(async () => {
    await admin.end();
    await pg.stop();
  });

  it("should grant trade_api rds_iam and trade_api_writer and nothing else", async () => {
    assert.deepEqual(await memberships(admin, TRADE_API_DB_USER), ["rds_iam", "trade_api_writer"]);
  });

  it("should grant trade_digest rds_iam and trade_digest_writer and nothing else", async () => {
    assert.deepEqual(await memberships(admin, TRADE_DIGEST_DB_USER), ["rds_iam", "trade_digest_writer"]);
  });

  it("should grant trade_outbox rds_iam and trade_outbox_relay and nothing else", async () => {
    assert.deepEqual(await memberships(admin, TRADE_OUTBOX_DB_USER), ["rds_iam", "trade_outbox_relay"]);
  });
});
