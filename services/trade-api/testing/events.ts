/** Builders for API Gateway REST proxy events in tests. */
import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import { TEST_API_KEY } from "./fixture";

export function apiEvent(overrides: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return {
    httpMethod: "GET",
    path: "/health",
    resource: "/health",
    body: null,
    isBase64Encoded: false,
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { identity: { sourceIp: "127.0.0.1" } } as APIGatewayProxyEvent["requestContext"],
    ...overrides,
  };
}

/** The trade API function's invocation context, as Lambda passes it. */
export const lambdaContext = {
  functionName: "trade-api",
  awsRequestId: "req-1",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:trade-api",
  memoryLimitInMB: "512",
  functionVersion: "1",
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

let counter = 0;
/** A unique, valid Idempotency-Key. */
export function newKey(prefix = "k"): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}`;
}

/** POST /v1/orders with sensible defaults: JSON content type, test API key, a fresh key. */
export function orderEvent(body: unknown, headers: Record<string, string> = {}): APIGatewayProxyEvent {
  return apiEvent({
    httpMethod: "POST",
    path: "/v1/orders",
    resource: "/v1/orders",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: {
      "Content-Type": "application/json",
      "x-api-key": TEST_API_KEY,
      "Idempotency-Key": newKey(),
      ...headers,
    },
  });
}

export const MARKET_ORDER = {
  account: "ACC-1",
  pair: "EUR/USD",
  side: "BUY",
  type: "MARKET",
  quantity: "1000.00",
} as const;
