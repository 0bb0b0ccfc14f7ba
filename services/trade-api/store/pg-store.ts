/**
 * PostgreSQL order store: the idempotency record and the ledger append commit in one
 * transaction, and appends serialize on the locked chain-head row, so the ledger stays a
 * single valid chain under any number of concurrent writers (in this process and others).
 */
import type { Pool } from "pg";
import { ChainVerifier, type ChainVerdict } from "../domain/ledger";
import { toOrderView, type OrderRecord, type OrderView } from "../domain/order";
import { BatchAppender } from "./batch-append";

export interface BookRequest {
  readonly clientId: string;
  readonly idempotencyKey: string;
  /** Fingerprint of the order's content; a reused key with another fingerprint is a 409. */
  readonly requestHash: string;
  /**
   * Prices the order (before its key is claimed). A throw books nothing and is what the
   * caller gets, unless the key already holds a booking, which is then replayed.
   */
  readonly price: () => Promise<OrderRecord>;
}

export interface BookResult {
  readonly replayed: boolean;
  readonly view: OrderView;
  /** The booked record; absent on a replay. */
  readonly record?: OrderRecord;
}

export interface OrderStore {
  book(request: BookRequest): Promise<BookResult>;
  getOrder(clientId: string, orderId: string): Promise<OrderView | undefined>;
  verifyLedger(): Promise<ChainVerdict>;
}

/** Rows per keyset page when verifying: large enough to amortize round trips, small in memory. */
const VERIFY_PAGE = 10_000;

export class PgOrderStore implements OrderStore {
  private readonly appender: BatchAppender;

  /**
   * @param onIdleClientError told when an idle pooled connection dies (failover, server
   *   restart). pg then emits "error" on the pool, which would crash the process if nobody
   *   listened; the pool drops the client and reconnects on next use. Default: ignore.
   */
  constructor(private readonly pool: Pool, onIdleClientError: (err: Error) => void = () => undefined) {
    pool.on("error", onIdleClientError);
    this.appender = new BatchAppender(pool);
  }

  /** Books through the group-commit appender (see batch-append.ts). */
  book(request: BookRequest): Promise<BookResult> {
    return this.appender.append(request);
  }

  async getOrder(clientId: string, orderId: string): Promise<OrderView | undefined> {
    const { rows } = await this.pool.query<{ sequence: string; hash: string; payload: string }>(
      "select sequence, hash, payload from trade.ledger_entries where order_id = $1 and client_id = $2",
      [orderId, clientId],
    );
    const row = rows[0];
    return row && toOrderView(JSON.parse(row.payload) as OrderRecord, { sequence: Number(row.sequence), hash: row.hash });
  }

  /** Streams the chain in keyset pages from one snapshot, hashing in Node as it goes. */
  async verifyLedger(): Promise<ChainVerdict> {
    const db = await this.pool.connect();
    try {
      await db.query("begin isolation level repeatable read read only");
      const verifier = new ChainVerifier();
      let after = "0";
      for (;;) {
        const { rows } = await db.query<{ sequence: string; prev_hash: string; hash: string; payload: string }>({
          text: `select sequence, prev_hash, hash, payload from trade.ledger_entries
                 where sequence > $1 order by sequence limit ${VERIFY_PAGE}`,
          values: [after],
        });
        for (const r of rows) {
          verifier.push({ sequence: BigInt(r.sequence), prevHash: r.prev_hash, hash: r.hash, payload: r.payload });
        }
        if (rows.length < VERIFY_PAGE) break;
        after = rows[rows.length - 1]?.sequence ?? after;
      }
      const head = await db.query<{ sequence: string; hash: string }>("select sequence, hash from trade.ledger_head where id = 1");
      await db.query("commit");
      const h = head.rows[0];
      return verifier.finish(h && { sequence: BigInt(h.sequence), hash: h.hash });
    } catch (err) {
      await db.query("rollback").catch(() => undefined);
      throw err;
    } finally {
      db.release();
    }
  }
}
