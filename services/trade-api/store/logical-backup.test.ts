/**
 * The local restore test (issue 16 item 2): book orders and write a digest on one embedded
 * PostgreSQL, dump it, restore into a fresh server, and verify the ledger there.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Pool } from "pg";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { orderRecord as record } from "../testing/order-record";
import type { LedgerVerdict } from "./verify";
import { writeDigest } from "./digest-writer";
import { dumpDatabase, restoreDatabase, type BackupManifest } from "./logical-backup";
import { migrate } from "./migrations";
import { PgOrderStore } from "./pg-store";

const orderId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
const book = (store: PgOrderStore, i: number) =>
  store.book({
    clientId: "c1",
    idempotencyKey: orderId(i),
    requestHash: "h".repeat(64),
    price: async () => record(orderId(i)),
  });

/** Idle connections die when a test server stops; that is expected, not an uncaught error. */
const quiet = (p: Pool): Pool => p.on("error", () => undefined);

describe("dumpDatabase and restoreDatabase", () => {
  let source: RunningPostgres;
  let target: RunningPostgres;
  let sourcePool: Pool;
  let targetPool: Pool;
  let dir: string;
  let manifest: BackupManifest;
  let original: LedgerVerdict;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "trade-backup-"));
    [source, target] = await Promise.all([startPostgres(), startPostgres()]);
    sourcePool = quiet(source.pool());
    await migrate(sourcePool);
    const store = new PgOrderStore(sourcePool);
    for (let i = 1; i <= 12; i++) await book(store, i);
    await writeDigest(sourcePool);
    for (let i = 13; i <= 15; i++) await book(store, i);
    original = await store.verifyLedger();
    manifest = await dumpDatabase(sourcePool, join(dir, "backup"));
    targetPool = quiet(target.pool());
    await restoreDatabase(targetPool, join(dir, "backup"));
  });
  after(async () => {
    await Promise.all([sourcePool?.end(), targetPool?.end()]);
    await Promise.all([source?.stop(), target?.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it("should verify the restored ledger when restored into a fresh server", async () => {
    const verdict = await new PgOrderStore(targetPool).verifyLedger();
    assert.deepEqual(
      { valid: verdict.valid, problem: verdict.problem, entries: verdict.entries },
      { valid: true, problem: undefined, entries: 15 },
    );
  });

  it("should restore the head hash and digest the source had when verified", async () => {
    const verdict = await new PgOrderStore(targetPool).verifyLedger();
    assert.deepEqual(
      { headHash: verdict.headHash, digests: verdict.digests },
      { headHash: original.headHash, digests: original.digests },
    );
  });

  it("should back up the migrations' bookkeeping after the tables it needs when dumped", async () => {
    const names = manifest.tables.map((t) => `${t.schema}.${t.name}`);
    assert.ok(names.includes("trade_meta.schema_migrations") && names.includes("trade.ledger_entries"), names.join());
  });

  it("should go on booking on the restored ledger when a new order arrives", async () => {
    const store = new PgOrderStore(targetPool);
    await book(store, 16);
    assert.equal((await store.verifyLedger()).entries, 16);
  });

  it("should refuse a backup when it was taken with other migrations", async () => {
    const other = join(dir, "other");
    await dumpDatabase(sourcePool, other);
    const file = join(other, "manifest.json");
    const edited = { ...JSON.parse(await readFile(file, "utf8")), migrations: "0".repeat(64) };
    await writeFile(file, JSON.stringify(edited));
    await target.createDatabase("other_migrations");
    const pool = quiet(target.pool("other_migrations"));
    try {
      await assert.rejects(restoreDatabase(pool, other), /taken with migrations 0{64}/);
    } finally {
      await pool.end();
    }
  });

  it("should fail verification when a dumped ledger entry was altered", async () => {
    const altered = join(dir, "altered");
    await dumpDatabase(sourcePool, altered);
    const file = join(altered, "trade.ledger_entries.copy");
    await writeFile(file, (await readFile(file, "utf8")).replace("1.08345", "1.18345"));
    await target.createDatabase("altered");
    const pool = quiet(target.pool("altered"));
    try {
      await restoreDatabase(pool, altered);
      assert.equal((await new PgOrderStore(pool).verifyLedger()).valid, false);
    } finally {
      await pool.end();
    }
  });
});
