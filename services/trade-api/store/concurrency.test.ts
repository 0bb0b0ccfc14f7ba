import assert from "node:assert/strict";
import { MARKET_ORDER, orderEvent } from "../testing/events";
import { startTradeFixture, type TradeFixture } from "../testing/fixture";

const CLIENTS = 8;
const ORDERS_PER_CLIENT = 200;

describe("PgOrderStore under concurrent writers", () => {
  let f: TradeFixture;
  before(async () => {
    f = await startTradeFixture({ poolSize: CLIENTS });
  });
  after(async () => {
    await f.stop();
  });

  it("should keep one valid chain holding every order when 8 clients × 200 orders race", async () => {
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const statuses: number[] = [];
        for (let i = 0; i < ORDERS_PER_CLIENT; i += 1) {
          const res = await f.api(orderEvent({ ...MARKET_ORDER, account: `ACC-${c}`, quantity: `${i + 1}.00` }));
          statuses.push(res.statusCode);
        }
        return statuses;
      }),
    );
    assert.deepEqual(new Set(results.flat()), new Set([201]));
    const verdict = await f.store.verifyLedger();
    assert.deepEqual(
      { valid: verdict.valid, entries: verdict.entries },
      { valid: true, entries: CLIENTS * ORDERS_PER_CLIENT },
    );
    assert.equal(await f.ledgerCount(), CLIENTS * ORDERS_PER_CLIENT);
  });
});
