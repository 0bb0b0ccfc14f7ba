/**
 * Migration 009 on real PostgreSQL 17: trade.chain_of keeps every order's chain and becomes
 * inlinable, so a booking no longer runs it as a separate SQL function.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import { MIGRATIONS, migrate } from "./migrations";

const BEFORE_009 = MIGRATIONS.slice(
  0,
  MIGRATIONS.findIndex((m) => m.id === "009_chain_of_inlined"),
);

describe("migration 009_chain_of_inlined", () => {
  let pg: RunningPostgres;
  let pool: Pool;
  let ids: string[];
  let before009: number[];
  before(async () => {
    pg = await startPostgres();
    pool = pg.pool().on("error", () => undefined);
    await migrate(pool, BEFORE_009);
    ids = Array.from({ length: 2000 }, () => randomUUID());
    before009 = await chainsOf(ids);
    await migrate(pool);
  });
  after(async () => {
    await pool.end();
    await pg.stop();
  });

  const chainsOf = async (orderIds: string[]): Promise<number[]> =>
    (
      await pool.query<{ c: number }>(
        "select trade.chain_of(id) as c from unnest($1::uuid[]) with ordinality as t(id, n) order by n",
        [orderIds],
      )
    ).rows.map((r) => r.c);

  it("should give every order id the chain it had before 009", async () => {
    assert.deepEqual(await chainsOf(ids), before009);
  });

  it("should let the planner inline trade.chain_of into the expression that calls it", async () => {
    // A volatile argument, so the planner cannot fold the call into a constant instead.
    const { rows } = await pool.query<{ "QUERY PLAN": string }>(
      "explain (verbose, costs off) select trade.chain_of(gen_random_uuid())",
    );
    const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
    assert.doesNotMatch(plan, /chain_of/);
  });
});
