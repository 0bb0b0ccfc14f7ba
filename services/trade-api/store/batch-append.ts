/**
 * Group commit for ledger appends. Appends serialize on the chain head, so each commit's
 * flush would otherwise be paid once per order; instead every order waiting in this process
 * is booked in one transaction (one head lock, one flush). With one request at a time (a
 * Lambda instance) a batch is a single order and nothing changes.
 *
 * Per order the outcome is the same as booking it alone: new key → booked; same key and
 * content → the stored response; same key, other content → 409; a pricing refusal books nothing.
 */
import type { Pool, PoolClient } from "pg";
import { ConflictError } from "../../shared/errors";
import { canonicalJson, entryHash } from "../domain/ledger";
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

  private async run(batch: Pending[]): Promise<void> {
    await Promise.all(
      batch.map(async (p) => {
        try {
          p.record = await p.request.price();
        } catch (err) {
          p.priceError = err;
        }
      }),
    );
    // The same lock order in every transaction: keys sorted, then the head.
    batch.sort((a, b) => (keyOf(a.request) < keyOf(b.request) ? -1 : 1));
    for (let attempt = 1; ; attempt += 1) {
      const db = await this.pool.connect();
      let broken = false;
      try {
        await db.query("begin");
        const outcomes = await this.book(db, batch);
        await db.query("commit");
        outcomes.forEach((settle) => settle());
        return;
      } catch (err) {
        broken = await db.query("rollback").then(() => false, () => true);
        if ((err as { code?: string }).code === DEADLOCK && attempt < 3) continue;
        for (const p of batch) p.reject(err);
        return;
      } finally {
        db.release(broken);
      }
    }
  }

  /** Does the batch's writes; returns how to settle each order once the commit succeeds. */
  private async book(db: PoolClient, batch: readonly Pending[]): Promise<Array<() => void>> {
    const priced = batch.filter((p) => p.record !== undefined);
    const claimed = new Set<string>();
    if (priced.length > 0) {
      const { rows } = await db.query<{ client_id: string; idempotency_key: string }>(
        `insert into trade.idempotency_keys (client_id, idempotency_key, request_hash)
         select * from unnest($1::text[], $2::text[], $3::text[])
         on conflict do nothing returning client_id, idempotency_key`,
        [priced.map((p) => p.request.clientId), priced.map((p) => p.request.idempotencyKey), priced.map((p) => p.request.requestHash)],
      );
      for (const r of rows) claimed.add(`${r.client_id}\u0000${r.idempotency_key}`);
    }
    const settle: Array<() => void> = [];
    const fresh = priced.filter((p) => claimed.has(keyOf(p.request)));
    const known = batch.filter((p) => !claimed.has(keyOf(p.request)));
    if (known.length > 0) settle.push(...(await this.replay(db, known)));
    if (fresh.length === 0) return settle;

    const head = await db.query<{ sequence: string; hash: string }>("select sequence, hash from trade.ledger_head where id = 1 for update");
    const top = head.rows[0];
    if (!top) throw new Error("trade.ledger_head is missing; run migrations");
    let sequence = BigInt(top.sequence);
    let prev = top.hash;
    const cols: string[][] = [[], [], [], [], [], [], [], []];
    for (const p of fresh) {
      const record = p.record as OrderRecord;
      sequence += 1n;
      const payload = canonicalJson({ ...record });
      const hash = entryHash(sequence, prev, payload);
      const view = toOrderView(record, { sequence: Number(sequence), hash });
      [String(sequence), record.orderId, p.request.clientId, prev, hash, payload, JSON.stringify(view), p.request.idempotencyKey].forEach((v, i) => cols[i]?.push(v));
      prev = hash;
      settle.push(() => p.resolve({ replayed: false, view, record }));
    }
    await db.query(
      `with entries as (
         insert into trade.ledger_entries (sequence, order_id, client_id, prev_hash, hash, payload)
         select * from unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
       ), head as (
         update trade.ledger_head set sequence = $9, hash = $10 where id = 1
       )
       update trade.idempotency_keys k set status_code = 201, response = v.response::jsonb
       from unnest($3::text[], $8::text[], $7::text[]) as v(client_id, idempotency_key, response)
       where k.client_id = v.client_id and k.idempotency_key = v.idempotency_key`,
      [...cols, String(sequence), prev],
    );
    return settle;
  }

  /** Orders whose key is already taken: replay, 409, or (never stored) their pricing refusal. */
  private async replay(db: PoolClient, known: readonly Pending[]): Promise<Array<() => void>> {
    const { rows } = await db.query<{ client_id: string; idempotency_key: string; request_hash: string; response: OrderView | null }>(
      `select k.client_id, k.idempotency_key, k.request_hash, k.response from trade.idempotency_keys k
       join unnest($1::text[], $2::text[]) as v(client_id, idempotency_key)
         on k.client_id = v.client_id and k.idempotency_key = v.idempotency_key`,
      [known.map((p) => p.request.clientId), known.map((p) => p.request.idempotencyKey)],
    );
    const byKey = new Map(rows.map((r) => [`${r.client_id}\u0000${r.idempotency_key}`, r]));
    return known.map((p) => {
      const row = byKey.get(keyOf(p.request));
      if (!row) return () => p.reject(p.priceError ?? new Error("idempotency record not found after a key conflict"));
      if (row.request_hash !== p.request.requestHash || !row.response) {
        return () => p.reject(new ConflictError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was already used with a different request body; use a new key for a new order"));
      }
      const view = row.response;
      return () => p.resolve({ replayed: true, view });
    });
  }
}
