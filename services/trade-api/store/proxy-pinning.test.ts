/**
 * Nothing the trade API, the digest writer or the outbox sweeper send through RDS Proxy pins a
 * session (platform-rules/aurora.ts RDS_PROXY_PINNING): prod's proxy pool is sized to the writer's
 * CPU, so a pinned Lambda instance would hold one of its few database connections for its
 * lifetime. Every statement any pg client sends is recorded while the deployed paths run on
 * embedded PostgreSQL, with one connection per instance as deployed (DB_POOL_MAX=1).
 */
import assert from "node:assert/strict";
import { Client } from "pg";
import { proxyPinningReason } from "../../../platform-rules/aurora";
import { apiEvent, MARKET_ORDER, orderEvent } from "../testing/events";
import { startTradeFixture, TEST_API_KEY, type TradeFixture } from "../testing/fixture";
import { writeDigest } from "./digest-writer";
import { sweepOutbox } from "./outbox";
import { MemoryAuditPublisher } from "../../shared/audit-event";

type Query = (this: Client, ...args: unknown[]) => unknown;

describe("statements sent through RDS Proxy", () => {
  let f: TradeFixture;
  const sent: string[] = [];
  const original = Client.prototype.query as unknown as Query;
  before(async () => {
    f = await startTradeFixture({ poolSize: 1 });
    (Client.prototype as unknown as { query: Query }).query = function (this: Client, ...args: unknown[]) {
      const q = args[0];
      sent.push(typeof q === "string" ? q : String((q as { text?: string }).text ?? ""));
      return original.apply(this, args);
    };
    const get = (path: string) => f.api(apiEvent({ path, headers: { "x-api-key": TEST_API_KEY } }));
    const booked = JSON.parse((await f.api(orderEvent(MARKET_ORDER))).body) as { orderId: string };
    await writeDigest(f.pool);
    await get(`/v1/orders/${booked.orderId}`);
    await get(`/v1/orders/${booked.orderId}/proof`);
    await get("/v1/ledger/verify");
    await sweepOutbox(f.pool, new MemoryAuditPublisher(), { olderThanMs: 0 });
  });
  after(async () => {
    (Client.prototype as unknown as { query: Query }).query = original;
    await f.stop();
  });

  it("should record the statements of a booking, its relay, a digest, reads, a proof, a verification and a sweep", async () => {
    assert.ok(sent.length >= 8, `only ${sent.length} statements recorded`);
  });

  it("should send no statement that pins an RDS Proxy session", async () => {
    assert.deepEqual(
      sent.flatMap((sql) => {
        const reason = proxyPinningReason(sql);
        return reason ? [`${reason}: ${sql.replace(/\s+/g, " ").trim()}`] : [];
      }),
      [],
    );
  });
});
