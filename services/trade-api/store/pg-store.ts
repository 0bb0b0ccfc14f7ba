/**
 * PostgreSQL order store: the idempotency record and the ledger append commit in one
 * transaction, and appends serialize on the locked chain-head row, so the ledger stays a
 * single valid chain under any number of concurrent writers.
 */
import type { Pool, PoolClient } from "pg";
import { ConflictError } from "../../shared/errors";
import { ChainVerifier, canonicalJson, entryHash, type ChainVerdict } from "../domain/ledger";
import { toOrderView, type OrderRecord, type OrderView } from "../domain/order";

export interface BookRequest {
  readonly clientId: string;
  readonly idempotencyKey: string;
  /** Fingerprint of the order's content; a reused key with another fingerprint is a 409. */
  readonly requestHash: string;
  /**
   * Prices the order. Runs only when the key is new, inside the transaction that holds the
   * key, so racing retries wait here instead of booking twice. A throw books nothing.
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
  constructor(private readonly pool: Pool) {}

  async book(request: BookRequest): Promise<BookResult> {
    return this.transaction(async (db) => {
      const claimed = await db.query(
        `insert into trade.idempotency_keys (client_id, idempotency_key, request_hash)
         values ($1, $2, $3) on conflict do nothing returning 1`,
        [request.clientId, request.idempotencyKey, request.requestHash],
      );
      if (claimed.rowCount === 0) return { outcome: "rollback", value: await this.replay(db, request) };

      const record = await request.price();
      const payload = canonicalJson({ ...record });
      const head = await db.query<{ sequence: string; hash: string }>(
        "select sequence, hash from trade.ledger_head where id = 1 for update",
      );
      const prev = head.rows[0];
      if (!prev) throw new Error("trade.ledger_head is missing; run migrations");
      const sequence = BigInt(prev.sequence) + 1n;
      const hash = entryHash(sequence, prev.hash, payload);
      const view = toOrderView(record, { sequence: Number(sequence), hash });
      await db.query(
        `with entry as (
           insert into trade.ledger_entries (sequence, order_id, client_id, prev_hash, hash, payload)
           values ($1, $2, $3, $4, $5, $6)
         ), head as (
           update trade.ledger_head set sequence = $1, hash = $5 where id = 1
         )
         update trade.idempotency_keys set status_code = 201, response = $7
         where client_id = $3 and idempotency_key = $8`,
        [sequence.toString(), record.orderId, request.clientId, prev.hash, hash, payload, JSON.stringify(view), request.idempotencyKey],
      );
      return { outcome: "commit", value: { replayed: false, view, record } };
    });
  }

  private async replay(db: PoolClient, request: BookRequest): Promise<BookResult> {
    const { rows } = await db.query<{ request_hash: string; response: OrderView | null }>(
      "select request_hash, response from trade.idempotency_keys where client_id = $1 and idempotency_key = $2",
      [request.clientId, request.idempotencyKey],
    );
    const row = rows[0];
    if (!row || row.request_hash !== request.requestHash || !row.response) {
      throw new ConflictError(
        "IDEMPOTENCY_KEY_REUSED",
        "this Idempotency-Key was already used with a different request body; use a new key for a new order",
      );
    }
    return { replayed: true, view: row.response };
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

  private async transaction<T>(work: (db: PoolClient) => Promise<{ outcome: "commit" | "rollback"; value: T }>): Promise<T> {
    const db = await this.pool.connect();
    try {
      await db.query("begin");
      const { outcome, value } = await work(db);
      await db.query(outcome);
      return value;
    } catch (err) {
      await db.query("rollback").catch(() => undefined);
      throw err;
    } finally {
      db.release();
    }
  }
}
