/**
 * The POST /v1/orders body as a JSON schema (draft-04, what API Gateway models accept). It
 * mirrors `orderBodySchema` in services/trade-api/schemas.ts — shape and types only, so the
 * gateway rejects malformed bodies before a Lambda runs and the service keeps the business
 * rules (and their 422s). tools/contracts/order-model.test.ts keeps the two in step.
 */
export const ORDER_SIDES = ["BUY", "SELL"] as const;
export const ORDER_TYPES = ["MARKET", "LIMIT"] as const;
export const ACCOUNT_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$";

export const ORDER_REQUEST_SCHEMA = {
  $schema: "http://json-schema.org/draft-04/schema#",
  title: "OrderRequest",
  type: "object",
  additionalProperties: false,
  required: ["account", "pair", "side", "type", "quantity"],
  properties: {
    account: { type: "string", pattern: ACCOUNT_PATTERN },
    pair: { type: "string", maxLength: 16 },
    side: { type: "string", enum: [...ORDER_SIDES] },
    type: { type: "string", enum: [...ORDER_TYPES] },
    // Decimal strings, never JSON numbers: money is never a float.
    quantity: { type: "string", maxLength: 40 },
    limitPrice: { type: "string", maxLength: 40 },
  },
} as const;
