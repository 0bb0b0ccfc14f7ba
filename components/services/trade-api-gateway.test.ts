import assert from "node:assert/strict";
import { json, runProgram } from "../../stacks/offline/harness";
import { TradeApiGateway, tradeApiGatewayArgsProblems, type TradeApiGatewayArgs } from "./trade-api-gateway";
import { LOGS_KEY } from "./testing";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:trade";
const args = (overrides: Partial<TradeApiGatewayArgs> = {}): TradeApiGatewayArgs => ({
  handler: { arn: FN, invokeArn: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations` },
  logsKeyArn: LOGS_KEY,
  throttle: { rateLimit: 1000, burstLimit: 2000 },
  protection: "disposable",
  ...overrides,
});
const plan = (overrides: Partial<TradeApiGatewayArgs> = {}) => runProgram(() => new TradeApiGateway("api", args(overrides)));
const settings = async (overrides: Partial<TradeApiGatewayArgs> = {}) => (await plan(overrides)).named("api-settings").inputs.settings as Record<string, unknown>;

describe("TradeApiGateway", () => {
  it("should create the four routes", async () => {
    assert.deepEqual((await plan()).ofType("aws:apigateway/method:Method").map((m) => m.name).sort(), ["api-get-health", "api-get-v1-ledger-verify", "api-get-v1-orders-orderId", "api-post-v1-orders"]);
  });

  it("should nest /v1/orders/{orderId} under /v1/orders", async () => {
    const p = await plan();
    assert.ok(p.named("api-res-v1-orders-orderId").dependencies.includes(p.named("api-res-v1-orders").urn));
  });

  it("should require the orderId path parameter", async () => {
    assert.deepEqual((await plan()).named("api-get-v1-orders-orderId").inputs.requestParameters, { "method.request.path.orderId": true });
  });

  it("should validate bodies against a model with the order fields", async () => {
    const schema = json<{ required: string[] }>((await plan()).named("api-order-model").inputs.schema);
    assert.deepEqual(schema.required, ["account", "pair", "side", "type", "quantity"]);
  });

  it("should let only the stage invoke the function", async () => {
    assert.match(String((await plan()).named("api-invoke").inputs.sourceArn), /^arn:aws:execute-api:us-east-1:123456789012:[0-9a-f]+\/live\/\*$/);
  });

  it("should keep data trace off", async () => {
    assert.equal((await settings()).dataTraceEnabled, false);
  });

  it("should enable method metrics", async () => {
    assert.equal((await settings()).metricsEnabled, true);
  });

  it("should log execution errors only by default", async () => {
    assert.equal((await settings()).loggingLevel, "ERROR");
  });

  it("should log execution at INFO when asked", async () => {
    assert.equal((await settings({ executionLogLevel: "INFO" })).loggingLevel, "INFO");
  });

  it("should name the execution log group as API Gateway does", async () => {
    assert.match(String((await plan()).named("api-execution-logs").inputs.name), /^API-Gateway-Execution-Logs_[0-9a-f]+\/live$/);
  });

  it("should encrypt the access log group with the logs key", async () => {
    assert.equal((await plan()).named("api-access-logs").inputs.kmsKeyId, LOGS_KEY);
  });

  it("should not run a cache cluster when cache is off", async () => {
    assert.equal((await plan()).named("api-stage").inputs.cacheClusterEnabled, false);
  });

  it("should encrypt the cache when cache is encrypted", async () => {
    const cached = (await plan({ cache: "encrypted" })).named("api-get-v1-orders-orderId-cache").inputs.settings as Record<string, unknown>;
    assert.deepEqual([cached.cachingEnabled, cached.cacheDataEncrypted], [true, true]);
  });

  it("should key cached orders by order id and API key so clients never see each other's orders", async () => {
    const integration = (await plan({ cache: "encrypted" })).named("api-get-v1-orders-orderId-integration").inputs;
    assert.deepEqual(integration.cacheKeyParameters, ["method.request.path.orderId", "method.request.header.x-api-key"]);
  });

  it("should throttle the usage plan as given", async () => {
    assert.deepEqual((await plan()).named("api-usage-plan").inputs.throttleSettings, { rateLimit: 1000, burstLimit: 2000 });
  });

  it("should create one usage-plan key per name", async () => {
    assert.equal((await plan({ apiKeyNames: ["alpha", "beta"] })).ofType("aws:apigateway/usagePlanKey:UsagePlanKey").length, 2);
  });

  it("should set the account's CloudWatch role when accountLogging is create", async () => {
    assert.ok((await plan()).has("aws:apigateway/account:Account"));
  });

  it("should leave the account's CloudWatch role alone when accountLogging is existing", async () => {
    assert.ok(!(await plan({ accountLogging: "existing" })).has("aws:apigateway/account:Account"));
  });

  it("should map the custom domain to the stage when one is given", async () => {
    assert.equal((await plan({ domainName: "api.fx.example.com" })).named("api-mapping").inputs.domainName, "api.fx.example.com");
  });
});

describe("tradeApiGatewayArgsProblems", () => {
  const cases: Array<[string, Partial<TradeApiGatewayArgs>, RegExp]> = [
    ["retention is under a year", { logRetentionDays: 30 }, /^logRetentionDays: must be at least 365/],
    ["the rate limit is 0", { throttle: { rateLimit: 0, burstLimit: 10 } }, /^throttle\.rateLimit: must be a whole number from 1 to 10000; got 0/],
    ["the burst limit is too high", { throttle: { rateLimit: 10, burstLimit: 5001 } }, /^throttle\.burstLimit: must be a whole number from 1 to 5000; got 5001/],
    ["the execution log level is DEBUG", { executionLogLevel: "DEBUG" as never }, /^executionLogLevel: expected INFO or ERROR/],
    ["the cache mode is unknown", { cache: "plain" as never }, /^cache: expected off or encrypted/],
    ["the stage name has capitals", { stageName: "Live" }, /^stageName: expected 1 to 64 of a-z 0-9 -/],
    ["an API key name is malformed", { apiKeyNames: ["Bad Name"] }, /^apiKeyNames\[0\]: expected 1 to 40 of a-z 0-9 -/],
    ["an API key name is repeated", { apiKeyNames: ["a", "a"] }, /^apiKeyNames\[1\]: a is listed twice/],
    ["accountLogging is unknown", { accountLogging: "skip" as never }, /^accountLogging: expected create or existing/],
  ];
  for (const [when, overrides, message] of cases) {
    it(`should report ${message.source.slice(1, message.source.indexOf(":")).replace(/\\/g, "")} when ${when}`, async () => {
      const found = tradeApiGatewayArgsProblems(args(overrides));
      assert.equal(found.length, 1, found.join("\n"));
      assert.match(found[0], message);
    });
  }
});
