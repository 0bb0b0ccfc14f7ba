/** Wire schemas (zod) for the trade API: shape and types only; business rules live in domain/. */
import { z } from "zod";
import type { ErrorDetail } from "../shared/errors";
import { containsPan } from "../shared/pan";
import { ACCOUNT_PATTERN, orderRequestSchema } from "../../platform-rules/order-request";

export { ACCOUNT_PATTERN };
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ORDER_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** PCI DSS 3.3/3.4: a card number is never booked, stored or echoed; the message says why, not what. */
const NOT_A_PAN = "must not be or contain a card number (13–19 digits passing the Luhn check); PANs are never accepted";

/**
 * POST /v1/orders body: the wire contract of platform-rules/order-request.ts (the API Gateway
 * model is its JSON Schema) plus the PAN check, which JSON Schema cannot express.
 */
export const orderBodySchema = orderRequestSchema.extend({
  account: orderRequestSchema.shape.account.refine((a) => !containsPan(a), NOT_A_PAN),
});

export type OrderBody = z.infer<typeof orderBodySchema>;

export const idempotencyKeySchema = z
  .string({ error: "is required" })
  .regex(IDEMPOTENCY_KEY_PATTERN, "must be 1–64 characters of [A-Za-z0-9_-]")
  .refine((k) => !containsPan(k), NOT_A_PAN);

/** zod issues → error details named by where they are in the request. */
export function issuesToDetails(prefix: string, error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}
