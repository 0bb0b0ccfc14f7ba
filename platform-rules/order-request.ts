/**
 * The POST /v1/orders body as the wire contract: shape and types only (zod), read by the trade
 * API (services/trade-api/schemas.ts adds the PAN refinement; business rules stay in its
 * domain/) and by the API Gateway component, whose request model is this schema's JSON Schema
 * (`orderRequestModel`), generated rather than copied, so the gateway rejects malformed bodies
 * before a Lambda runs with exactly the rules the service applies to the shape.
 */
import { z } from "zod";

export const ORDER_SIDES = ["BUY", "SELL"] as const;
export const ORDER_TYPES = ["MARKET", "LIMIT"] as const;
export const ACCOUNT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Unknown fields are refused, not ignored. Amounts are decimal strings: money is never a float. */
export const orderRequestSchema = z.strictObject({
  account: z
    .string()
    .regex(ACCOUNT_PATTERN, "must be 1–64 characters of [A-Za-z0-9_.-], starting with a letter or digit"),
  pair: z.string().max(16),
  side: z.enum(ORDER_SIDES),
  type: z.enum(ORDER_TYPES),
  quantity: z.string().max(40),
  limitPrice: z.string().max(40).optional(),
});

/**
 * `schema` as the JSON Schema an API Gateway REST API model takes (draft-04, the only draft it
 * accepts: https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html).
 * Refinements (the PAN check) have no JSON Schema form and stay in the service.
 */
export function apiGatewayModel(title: string, schema: z.ZodType): Record<string, unknown> {
  return { title, ...(z.toJSONSchema(schema, { target: "draft-04" }) as Record<string, unknown>) };
}

/** The request model of POST /v1/orders. */
export function orderRequestModel(): Record<string, unknown> {
  return apiGatewayModel("OrderRequest", orderRequestSchema);
}
