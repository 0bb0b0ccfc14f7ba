/** A booked order as the store receives it, for tests of the store: fixed values, one id. */
import type { OrderRecord } from "../domain/order";

export function orderRecord(orderId: string, clientId = "c1"): OrderRecord {
  return {
    orderId,
    clientId,
    account: "A",
    pair: "EUR/USD",
    side: "BUY",
    type: "MARKET",
    quantity: "1.00",
    limitPrice: null,
    price: "1.08345",
    notional: "1.08",
    notionalCurrency: "USD",
    rateSource: "static-table",
    bookedAt: "2025-01-01T00:00:00.000Z",
  };
}
