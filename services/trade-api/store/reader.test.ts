/**
 * GET /v1/orders/{orderId} reads through the reader pool (issue 16 item 9). Two databases on one
 * embedded server stand in for the writer and a reader that lags it: which one answered shows
 * where the read went.
 */
import assert from "node:assert/strict";
import type { Pool } from "pg";
import { startPostgres, type RunningPostgres } from "../../testing/embedded-postgres";
import type { OrderRecord } from "../domain/order";
import { migrate } from "./migrations";
import { PgOrderStore } from "./pg-store";

const record = (orderId: string, price: string): OrderRecord => ({
  orderId,
  clientId: "c1",
  account: "A",
  pair: "EUR/USD",
  side: "BUY",
  type: "MARKET",
  quantity: "1.00",
  limitPrice: null,
  price,
  notional: "1.08",
  notionalCurrency: "USD",
  rateSource: "static-table",
  bookedAt: "2025-01-01T00:00:00.000Z",
});
const ORDER = "00000000-0000-4000-8000-000000000001";
const LATE = "00000000-0000-4000-8000-000000000002";
const book = (store: PgOrderStore, orderId: string, price: string) =>
  store.book({
    clientId: "c1",
    idempotencyKey: orderId,
    requestHash: "h".repeat(64),
    price: async () => record(orderId, price),
  });

/** Idle connections die when a test server stops; that is expected, not an uncaught error. */
const quiet = (p: Pool): Pool => p.on("error", () => undefined);

describe("PgOrderStore reads on the reader", () => {
  let pg: RunningPostgres;
  let writer: Pool;
  let reader: Pool;
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase("writer_db");
    await pg.createDatabase("reader_db");
    writer = quiet(pg.pool("writer_db"));
    reader = quiet(pg.pool("reader_db"));
    // One after the other: roles are cluster-wide, and two concurrent migrations would both create them.
    await migrate(writer);
    await migrate(reader);
    // The same order on both, priced differently, so the answer names the database that gave it.
    await book(new PgOrderStore(writer), ORDER, "1.10000");
    await book(new PgOrderStore(reader), ORDER, "1.20000");
    // Booked on the writer only: the reader has not caught up yet.
    await book(new PgOrderStore(writer), LATE, "1.30000");
  });
  after(async () => {
    await Promise.all([writer.end(), reader.end()]);
    await pg.stop();
  });

  it("should read an order from the reader pool when one is given", async () => {
    const view = await new PgOrderStore(writer, undefined, reader).getOrder("c1", ORDER);
    assert.equal(view?.price, "1.20000");
  });

  it("should read an order from the writer when no reader pool is given", async () => {
    const view = await new PgOrderStore(writer).getOrder("c1", ORDER);
    assert.equal(view?.price, "1.10000");
  });

  it("should find an order the reader has not caught up with when the writer has it", async () => {
    const view = await new PgOrderStore(writer, undefined, reader).getOrder("c1", LATE);
    assert.equal(view?.price, "1.30000");
  });

  it("should answer no order when neither the reader nor the writer has it", async () => {
    const view = await new PgOrderStore(writer, undefined, reader).getOrder(
      "c1",
      "00000000-0000-4000-8000-000000000009",
    );
    assert.equal(view, undefined);
  });
});
