/**
 * Group commit for ledger appends. Appends serialize on the chain head, so each commit would
 * otherwise be paid once per order; instead every order waiting in this process is booked by
 * one call of trade.append_orders (one statement, one round trip, one commit). With one
 * request at a time (a Lambda instance) a batch is a single order and nothing changes.
 *
 * Per order the outcome is the same as booking it alone: new key → booked; same key and
 * content → the original response; same key, other content → 409; a pricing refusal books
 * nothing (unless the key already holds a booking, which is then replayed).
 */
import type { Pool } from "pg";
import { ConflictError } from "../../shared/errors";
import { canonicalJson } from "../domain/ledger";
import { toOrderView, type OrderRecord, type OrderView } from "../domain/order";

export interface AppendRequest {
  readonly clientId: string;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly price: () => Promise<OrderRecord>;
}

export interface AppendResult {
  readonly replayed: boolean;
  readonly view: OrderView;
  readonly record?: OrderRecord;
}

interface Pending {
  readonly request: AppendRequest;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (err: unknown) => void;
  record?: OrderRecord;
  priceError?: unknown;
}

interface AppendRow {
  idx: number;
  outcome: "booked" | "existing";
  seq: string | null;
  entry_hash: string | null;
  payload: string | null;
  request_hash: string;
}

const MAX_BATCH = 100;
const DEADLOCK = "40P01";
const keyOf = (r: AppendRequest) => `${r.clientId}\u0000${r.idempotencyKey}`;

export class BatchAppender {
  private readonly queue: Pending[] = [];
  private draining = false;

  constructor(private readonly pool: Pool) {}

  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // One request per key per batch: a racing retry waits for the next batch and replays.
      const batch: Pending[] = [];
      const keys = new Set<string>();
      for (let i = 0; i < this.queue.length && batch.length < MAX_BATCH; ) {
        const item = this.queue[i] as Pending;
        if (keys.has(keyOf(item.request))) i += 1;
        else {
          keys.add(keyOf(item.request));
          batch.push(item);
          this.queue.splice(i, 1);
        }
      }
      await this.run(batch);
    }
    this.draining = false;
  }

  private async run(batch: readonly Pending[]): Promise<void> {
    await Promise.all(
      batch.map(async (p) => {
        try {
          p.record = await p.request.price();
        } catch (err) {
          p.priceError = err;
        }
      }),
    );
    const payloads = batch.map((p) => (p.record ? canonicalJson({ ...p.record }) : null));
    for (let attempt = 1; ; attempt += 1) {
      try {
        const { rows } = await this.pool.query<AppendRow>(
          "select * from trade.append_orders($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[])",
          [
            batch.map((p) => p.request.clientId),
            batch.map((p) => p.request.idempotencyKey),
            batch.map((p) => p.request.requestHash),
            batch.map((p) => p.record?.orderId ?? null),
            payloads,
          ],
        );
        const byIndex = new Map(rows.map((r) => [r.idx - 1, r]));
        batch.forEach((p, i) => settle(p, byIndex.get(i)));
        return;
      } catch (err) {
        if ((err as { code?: string }).code === DEADLOCK && attempt < 3) continue;
        for (const p of batch) p.reject(err);
        return;
      }
    }
  }
}

function settle(p: Pending, row: AppendRow | undefined): void {
  if (!row) {
    // Never stored: only an order that could not be priced gets here.
    p.reject(p.priceError ?? new Error("order was neither booked nor found"));
    return;
  }
  if (row.seq === null || row.entry_hash === null) {
    p.reject(new Error("idempotency key points at no ledger entry"));
    return;
  }
  const ledger = { sequence: Number(row.seq), hash: row.entry_hash };
  if (row.outcome === "booked" && p.record) {
    p.resolve({ replayed: false, view: toOrderView(p.record, ledger), record: p.record });
    return;
  }
  if (row.request_hash !== p.request.requestHash || row.payload === null) {
    p.reject(new ConflictError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was already used with a different request body; use a new key for a new order"));
    return;
  }
  p.resolve({ replayed: true, view: toOrderView(JSON.parse(row.payload) as OrderRecord, ledger) });
}
