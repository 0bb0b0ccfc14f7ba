/** Wire schemas (zod) for the trade API: shape and types only; business rules live in domain/. */
import { z } from "zod";
import type { ErrorDetail } from "../shared/errors";
import { containsPan } from "../shared/pan";
import { ORDER_TYPES, SIDES } from "./domain/order";

export const ACCOUNT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ORDER_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** PCI DSS 3.3/3.4: a card number is never booked, stored or echoed; the message says why, not what. */
const NOT_A_PAN = "must not be or contain a card number (13–19 digits passing the Luhn check); PANs are never accepted";

/** POST /v1/orders body. Unknown fields are refused, not ignored. */
export const orderBodySchema = z.strictObject({
  account: z
    .string()
    .regex(ACCOUNT_PATTERN, "must be 1–64 characters of [A-Za-z0-9_.-], starting with a letter or digit")
    .refine((a) => !containsPan(a), NOT_A_PAN),
  pair: z.string().max(16),
  side: z.enum(SIDES),
  type: z.enum(ORDER_TYPES),
  quantity: z.string().max(40),
  limitPrice: z.string().max(40).optional(),
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
