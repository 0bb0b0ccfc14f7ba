/**
 * Transactional outbox of the booking's audit event (migration 007). trade.book_order stores the
 * event in trade.audit_outbox in the booking's own transaction, so a booked order always has its
 * event. After the commit the relay (app.ts) publishes it and marks it published; when the process
 * dies first, or the publish fails, the sweeper (outbox-handler.ts, on a schedule) publishes
 * whatever is still unmarked after a grace period. An event may so be published twice (the relay
 * and the sweeper racing, or a crash between publish and mark); the consumer
 * (services/audit-processor) stores each event_id once.
 */
import type { Pool } from "pg";
import type { AuditEvent, AuditPublisher } from "../../shared/audit-event";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Marks one event published: one statement, one round trip. Committed synchronously like any
 * other: the asynchronous commit it had (`SET LOCAL synchronous_commit = off`) is a SET, which pins
 * the Lambda instance's RDS Proxy session to one of the proxy's few database connections for good
 * (platform-rules/aurora.ts RDS_PROXY_PINNING). A mark lost in a crash still only means the
 * sweeper publishes the event once more, which the consumer drops.
 */
export async function markAuditPublished(pool: Pool, eventId: string): Promise<void> {
  if (!UUID.test(eventId)) throw new Error(`audit event id ${JSON.stringify(eventId)} is not a UUID`);
  await pool.query("update trade.audit_outbox set published_at = now() where event_id = $1 and published_at is null", [
    eventId,
  ]);
}

export interface SweepOptions {
  /**
   * Only events at least this old, so the sweeper does not race a relay that is about to publish
   * (default 30 000 ms: three times the API's 10 s timeout).
   */
  readonly olderThanMs?: number;
  /** Events per run (default 500). */
  readonly limit?: number;
  /** Published events older than this are deleted (default 7 days; the audit table keeps them). */
  readonly retainPublishedMs?: number;
}

export interface SweepResult {
  /** Events this run published. */
  readonly published: number;
  /** Events whose publish failed; they stay for the next run. */
  readonly failed: number;
  /** Published events purged. */
  readonly purged: number;
  /** Unpublished events older than the grace period still in the outbox after this run. */
  readonly pending: number;
}

interface PendingRow {
  event_id: string;
  event: AuditEvent;
}

/**
 * Publishes the events the relay left behind, oldest first. Rows are locked with skip locked,
 * so two sweepers never publish the same event; one that fails to publish stays for the next
 * run. Then purges published events past their retention.
 */
export async function sweepOutbox(
  pool: Pool,
  publisher: AuditPublisher,
  options: SweepOptions = {},
): Promise<SweepResult> {
  const olderThanMs = options.olderThanMs ?? 30_000;
  const db = await pool.connect();
  let published = 0;
  let failed = 0;
  try {
    await db.query("begin");
    const { rows } = await db.query<PendingRow>(
      `select event_id, event from trade.audit_outbox
       where published_at is null and created_at <= now() - make_interval(secs => $1::double precision / 1000)
       order by created_at limit $2 for update skip locked`,
      [olderThanMs, options.limit ?? 500],
    );
    for (const row of rows) {
      try {
        await publisher.publish(row.event);
      } catch {
        failed += 1;
        continue;
      }
      await db.query("update trade.audit_outbox set published_at = now() where event_id = $1", [row.event_id]);
      published += 1;
    }
    await db.query("commit");
  } catch (err) {
    await db.query("rollback").catch(() => undefined);
    throw err;
  } finally {
    db.release();
  }
  const purge = await pool.query(
    `delete from trade.audit_outbox
     where published_at is not null and published_at < now() - make_interval(secs => $1::double precision / 1000)`,
    [options.retainPublishedMs ?? 7 * 24 * 3_600_000],
  );
  const left = await pool.query<{ n: string }>(
    `select count(*) as n from trade.audit_outbox
     where published_at is null and created_at <= now() - make_interval(secs => $1::double precision / 1000)`,
    [olderThanMs],
  );
  return { published, failed, purged: purge.rowCount ?? 0, pending: Number(left.rows[0]?.n ?? 0) };
}
