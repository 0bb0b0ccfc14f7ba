/**
 * PostgreSQL order store. A booking is one call of trade.book_order (one statement, one
 * commit): the idempotency record and the ledger entry commit together, and the entry is
 * appended to its own chain (trade.chain_of(order id), one of 256), so bookings of different
 * chains never wait on each other, in this process or across Lambda instances.
 *
 * Per order the outcome is as it always was: new key → booked; same key and content → the
 * original response; same key, other content → 409; a pricing refusal books nothing (unless
 * the key already holds a booking, which is then replayed). A racing retry waits on the key
 * the first attempt holds and then replays it.
 *
 * With `audit` the same statement stores the booking's audit event in the outbox (outbox.ts), so
 * the event commits with the booking or not at all.
 */
import type { Pool } from "pg";
import type { AuditEvent } from "../../shared/audit-event";
import { ConflictError } from "../../shared/errors";
import { canonicalJson } from "../domain/ledger";
import { toOrderView, type OrderRecord, type OrderView } from "../domain/order";
import { markAuditPublished } from "./outbox";
import { buildProof, type OrderProof } from "./proof";
import { verifyLedger, type LedgerVerdict, type VerifyOptions } from "./verify";

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
  /**
   * The booking's audit event, built from the priced record and without its ledger position:
   * stored in the outbox in the booking's transaction with ledgerChain, ledgerSequence and
   * ledgerHash added to its data (migration 007). Not stored for a replay. Omitted: no event.
   */
  readonly audit?: (record: OrderRecord) => AuditEvent;
}

export interface BookResult {
  readonly replayed: boolean;
  readonly view: OrderView;
  /** The booked record; absent on a replay. */
  readonly record?: OrderRecord;
  /** The audit event the booking stored in the outbox (publish it, then markAuditPublished). */
  readonly auditEvent?: AuditEvent;
}

export interface OrderStore {
  book(request: BookRequest): Promise<BookResult>;
  getOrder(clientId: string, orderId: string): Promise<OrderView | undefined>;
  /** The order's inclusion proof; undefined when the client has no such order. */
  getProof(clientId: string, orderId: string): Promise<OrderProof | undefined>;
  verifyLedger(options?: VerifyOptions): Promise<LedgerVerdict>;
  /** Records that the relay published an outbox event, so the sweeper skips it. */
  markAuditPublished(eventId: string): Promise<void>;
}

interface BookRow {
  outcome: "booked" | "existing";
  chain: number | null;
  seq: string | null;
  entry_hash: string | null;
  payload: string | null;
  request_hash: string;
  audit_event?: AuditEvent | null;
}

const BOOK = "select * from trade.book_order($1, $2, $3, $4::uuid, $5)";
/** The same booking, with its audit event stored in the outbox in the same statement. */
const BOOK_WITH_AUDIT = "select * from trade.book_order($1, $2, $3, $4::uuid, $5, $6::jsonb)";

export class PgOrderStore implements OrderStore {
  /**
   * @param onIdleClientError told when an idle pooled connection dies (failover, server
   *   restart). pg then emits "error" on the pool, which would crash the process if nobody
   *   listened; the pool drops the client and reconnects on next use. Default: ignore.
   * @param readPool where GET /v1/orders/{orderId} reads: the Aurora reader endpoint (or the
   *   proxy's read-only endpoint). Default the writer's pool (dev, tests: reader = writer).
   */
  constructor(
    private readonly pool: Pool,
    onIdleClientError: (err: Error) => void = () => undefined,
    private readonly readPool: Pool = pool,
  ) {
    pool.on("error", onIdleClientError);
  }

  async book(request: BookRequest): Promise<BookResult> {
    let record: OrderRecord | undefined;
    let priceError: unknown;
    try {
      record = await request.price();
    } catch (err) {
      priceError = err;
    }
    const params: unknown[] = [
      request.clientId,
      request.idempotencyKey,
      request.requestHash,
      record?.orderId ?? null,
      record ? canonicalJson({ ...record }) : null,
    ];
    const withAudit = request.audit !== undefined;
    if (withAudit) params.push(record && request.audit ? JSON.stringify(request.audit(record)) : null);
    const { rows } = await this.pool.query<BookRow>(withAudit ? BOOK_WITH_AUDIT : BOOK, params);
    const row = rows[0];
    // Never stored: only an order that could not be priced gets here.
    if (!row) throw priceError ?? new Error("order was neither booked nor found");
    if (row.seq === null || row.entry_hash === null || row.chain === null)
      throw new Error("idempotency key points at no ledger entry");
    const ledger = { chain: row.chain, sequence: Number(row.seq), hash: row.entry_hash };
    if (row.outcome === "booked" && record) {
      const view = toOrderView(record, ledger);
      return { replayed: false, view, record, ...(row.audit_event ? { auditEvent: row.audit_event } : {}) };
    }
    if (row.request_hash !== request.requestHash || row.payload === null) {
      throw new ConflictError(
        "IDEMPOTENCY_KEY_REUSED",
        "this Idempotency-Key was already used with a different request body; use a new key for a new order",
      );
    }
    return { replayed: true, view: toOrderView(JSON.parse(row.payload) as OrderRecord, ledger) };
  }

  async getOrder(clientId: string, orderId: string): Promise<OrderView | undefined> {
    const read = (pool: Pool) =>
      pool.query<{ chain: number; sequence: string; hash: string; payload: string }>(
        "select chain, sequence, hash, payload from trade.ledger_entries where order_id = $1 and client_id = $2",
        [orderId, clientId],
      );
    let { rows } = await read(this.readPool);
    // A reader lags the writer (Aurora: typically under 100 ms): an order booked a moment ago may
    // not be there yet, so a miss asks the writer before answering 404 (read-your-writes).
    if (rows.length === 0 && this.readPool !== this.pool) ({ rows } = await read(this.pool));
    const row = rows[0];
    return (
      row &&
      toOrderView(JSON.parse(row.payload) as OrderRecord, {
        chain: row.chain,
        sequence: Number(row.sequence),
        hash: row.hash,
      })
    );
  }

  getProof(clientId: string, orderId: string): Promise<OrderProof | undefined> {
    return buildProof(this.pool, clientId, orderId);
  }

  markAuditPublished(eventId: string): Promise<void> {
    return markAuditPublished(this.pool, eventId);
  }

  /** Recomputes every chain (in parallel, from one snapshot) and checks every digest. */
  verifyLedger(options: VerifyOptions = {}): Promise<LedgerVerdict> {
    return verifyLedger(this.pool, options);
  }
}
