/**
 * The Lambda entry points exactly as deployed, configured only through the environment:
 * PostgreSQL via DATABASE_URL, DynamoDB (dynalite) and SNS (a local stand-in) via the SDK's
 * per-service endpoint variables, with explicit test credentials.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { startDynalite, type RunningDynalite } from "../shared/testing/dynalite";
import { startPostgres, type RunningPostgres } from "../testing/embedded-postgres";
import { ensureApiKeysTable, putApiKey } from "./api-keys-admin";
import { apiEvent, lambdaContext, MARKET_ORDER, orderEvent } from "./testing/events";

const LAMBDA_KEY = "fxtest_RU15TgyrqJcO6KMHgXwGuyzrDjOTYUz0Se6em8PBJF0";
const METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123def4/live/POST/v1/orders";

/** What the REST API passes the function once the authorizer allowed the request. */
function authorized(event: APIGatewayProxyEvent, clientId = "client-lambda"): APIGatewayProxyEvent {
  return {
    ...event,
    requestContext: { ...event.requestContext, authorizer: { clientId, principalId: clientId } },
  };
}

/** A REST API REQUEST authorizer event for the key. */
function authorizerEvent(key: string | undefined, path = "/v1/orders") {
  return {
    type: "REQUEST",
    methodArn: METHOD_ARN,
    resource: path,
    path,
    httpMethod: "POST",
    headers: key === undefined ? {} : { "X-Api-Key": key },
    requestContext: { identity: { sourceIp: "198.51.100.7" } },
  };
}

const context = lambdaContext;

describe("Lambda handler (handler.ts, migrate-handler.ts)", () => {
  let pg: RunningPostgres;
  let dynamo: RunningDynalite;
  let sns: Server;
  const published: string[] = [];
  const savedEnv = { ...process.env };

  before(async () => {
    pg = await startPostgres();
    dynamo = await startDynalite();
    sns = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        published.push(new URLSearchParams(body).get("Message") ?? "");
        res.writeHead(200, { "content-type": "text/xml" });
        res.end(
          '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>',
        );
      });
    });
    await new Promise<void>((resolve) => sns.listen(0, "127.0.0.1", resolve));
    const client = dynamo.client();
    await ensureApiKeysTable(client, "api-keys");
    await putApiKey(client, "api-keys", LAMBDA_KEY, "client-lambda", { usageKey: "usage-client-lambda" });
    client.destroy();
    Object.assign(process.env, {
      DATABASE_URL: pg.connectionString(),
      API_KEYS_TABLE: "api-keys",
      AUDIT_TOPIC_ARN: "arn:aws:sns:us-east-1:123456789012:audit-events",
      ALLOWED_PAIRS: "EUR/USD,USD/JPY",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SNS: `http://127.0.0.1:${(sns.address() as AddressInfo).port}`,
      POWERTOOLS_LOG_LEVEL: "SILENT",
      POWERTOOLS_METRICS_DISABLED: "true",
      POWERTOOLS_TRACE_ENABLED: "false",
    });
  });

  after(async () => {
    process.env = savedEnv;
    sns.closeAllConnections();
    await new Promise((resolve) => sns.close(resolve));
    await dynamo.stop();
    await pg.stop();
  });

  it("should apply the migrations through the migration entry point", async () => {
    const { handler } = await import("./migrate-handler");
    const { migrationsFingerprint } = await import("./store/migrations");
    const { applied } = await handler({ migrations: migrationsFingerprint() });
    assert.ok(applied.includes("001_ledger"));
  });

  it("should book an order and publish its audit event to SNS", async () => {
    const { handler } = await import("./handler");
    const res = await handler(authorized(orderEvent(MARKET_ORDER)), context);
    assert.equal(res.statusCode, 201, res.body);
    const orderId = (JSON.parse(res.body) as { orderId: string }).orderId;
    assert.ok(published.some((m) => m.includes(`order/${orderId}`)));
  });

  it("should refuse a pair outside ALLOWED_PAIRS", async () => {
    const { handler } = await import("./handler");
    const res = await handler(authorized(orderEvent({ ...MARKET_ORDER, pair: "GBP/USD" })), context);
    assert.equal(res.statusCode, 400);
  });

  it("should answer GET /health", async () => {
    const { handler } = await import("./handler");
    assert.equal((await handler(apiEvent({ path: "/health" }), context)).statusCode, 200);
  });

  it("should refuse with 401 a request that did not pass the authorizer", async () => {
    const { handler } = await import("./handler");
    const res = await handler(orderEvent(MARKET_ORDER, { "x-api-key": LAMBDA_KEY }), context);
    assert.equal(res.statusCode, 401);
  });

  it("should allow the whole stage for an active key in the authorizer", async () => {
    const { handler } = await import("./authorizer-handler");
    const result = await handler(authorizerEvent(LAMBDA_KEY), context);
    assert.deepEqual(result.policyDocument.Statement, [
      {
        Action: "execute-api:Invoke",
        Effect: "Allow",
        Resource: "arn:aws:execute-api:us-east-1:123456789012:abc123def4/live/*/*",
      },
    ]);
  });

  it("should return the client id and usage-plan key from the authorizer", async () => {
    const { handler } = await import("./authorizer-handler");
    const result = await handler(authorizerEvent(LAMBDA_KEY), context);
    assert.deepEqual(
      [result.context, result.usageIdentifierKey],
      [{ clientId: "client-lambda" }, "usage-client-lambda"],
    );
  });

  it("should answer Unauthorized from the authorizer for an unknown key", async () => {
    const { handler } = await import("./authorizer-handler");
    await assert.rejects(
      handler(authorizerEvent("fxtest_yT9vR8s2Qf1wKc7mLh3nJd5bXa0pEz6uGi4oNq2VrSk"), context),
      /^Error: Unauthorized$/,
    );
  });

  it("should publish the authorizer's denial to the audit topic", async () => {
    const { handler } = await import("./authorizer-handler");
    published.length = 0;
    await handler(authorizerEvent(undefined, "/v1/ledger/verify"), context).catch(() => undefined);
    assert.ok(published.some((m) => m.includes('"outcome":"DENIED"') && m.includes("/v1/ledger/verify")));
  });
});
