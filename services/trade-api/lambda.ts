/**
 * The trade API's Lambda entry point around the app: built on the first invocation (retried
 * after a failed start, which answers 503), with the shared Powertools wiring
 * (services/shared/lambda.ts). handler.ts passes the real dependencies; tests pass their own.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { withPowertools, type LambdaObservability } from "../shared/lambda";
import type { TradeApi } from "./app";

const UNAVAILABLE: APIGatewayProxyResult = {
  statusCode: 503,
  headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  body: JSON.stringify({
    error: { code: "SERVICE_UNAVAILABLE", message: "service is starting or misconfigured; retry later", details: [] },
  }),
};

export type TradeApiLambda = (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult>;

/**
 * The entry point around `start` (built on the first invocation, retried after a failed one),
 * with the shared Powertools wiring.
 */
export function createTradeApiHandler(
  lambdaObservability: LambdaObservability,
  start: () => Promise<TradeApi>,
): TradeApiLambda {
  let ready: Promise<TradeApi> | undefined;
  return withPowertools(lambdaObservability, async (event: APIGatewayProxyEvent) => {
    try {
      ready ??= start().catch((err: unknown) => {
        ready = undefined; // let the next invocation retry a failed cold start
        throw err;
      });
      const api = await ready;
      return await api(event);
    } catch (err) {
      // Only start-up failures reach here; the API itself answers every request.
      lambdaObservability.logger.error("trade-api failed to start", { error: err as Error });
      return UNAVAILABLE;
    }
  });
}
