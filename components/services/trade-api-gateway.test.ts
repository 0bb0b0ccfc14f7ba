import assert from "node:assert/strict";
import fc from "fast-check";
import { json, runProgram } from "../testing/harness";
import { TradeApiGateway, tradeApiGatewayArgsProblems, type TradeApiGatewayArgs } from "./trade-api-gateway";
import {
  GATEWAY_RESPONSES,
  gatewayResponseParameters,
  gatewayResponseTemplate,
  type GatewayResponseSpec,
} from "./trade-api-gateway-responses";
import { LOGS_KEY } from "./testing";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:trade";
const AUTHORIZER_FN = "arn:aws:lambda:us-east-1:123456789012:function:trade-authorizer";
const invokeArn = (fn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fn}/invocations`;
const args = (overrides: Partial<TradeApiGatewayArgs> = {}): TradeApiGatewayArgs => ({
  handler: { arn: FN, invokeArn: invokeArn(FN) },
  authorizer: { arn: AUTHORIZER_FN, invokeArn: invokeArn(AUTHORIZER_FN) },
  logsKeyArn: LOGS_KEY,
  throttle: { rateLimit: 1000, burstLimit: 2000 },
  domainName: "api.fx.example.com",
  protection: "disposable",
  ...overrides,
});
const plan = (overrides: Partial<TradeApiGatewayArgs> = {}) =>
  runProgram(() => new TradeApiGateway("api", args(overrides)));
const settings = async (overrides: Partial<TradeApiGatewayArgs> = {}) =>
  (await plan(overrides)).named("api-settings").inputs.settings as Record<string, unknown>;

describe("TradeApiGateway", () => {
  it("should disable the default execute-api endpoint by default (it would accept TLS 1.0)", async () => {
    assert.equal((await plan()).named("api-api").inputs.disableExecuteApiEndpoint, true);
  });

  it("should keep the default endpoint only when defaultEndpoint is enabled", async () => {
    assert.equal(
      (await plan({ defaultEndpoint: "enabled", domainName: undefined })).named("api-api").inputs
        .disableExecuteApiEndpoint,
      false,
    );
  });

  it("should give the API the TLS_1_2 policy its custom domain negotiates with by default", async () => {
    const api = (await plan()).named("api-api").inputs;
    assert.deepEqual([api.securityPolicy, api.endpointAccessMode], ["TLS_1_2", undefined]);
  });

  it("should add STRICT endpointAccessMode to an enhanced API policy", async () => {
    const api = (await plan({ securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09" })).named("api-api").inputs;
    assert.deepEqual([api.securityPolicy, api.endpointAccessMode], ["SecurityPolicy_TLS13_1_3_2025_09", "STRICT"]);
  });

  it("should name domainName when the default endpoint is disabled without a custom domain", async () => {
    assert.deepEqual(tradeApiGatewayArgsProblems(args({ domainName: undefined })), [
      "domainName: is required while defaultEndpoint is disabled: without a custom domain nothing can call the API",
    ]);
  });

  it("should map every additional domain to the stage", async () => {
    const p = await plan({ additionalDomainNames: ["api-origin.fx.example.com"] });
    assert.equal(p.named("api-mapping-2").inputs.domainName, "api-origin.fx.example.com");
  });

  it("should create the five routes", async () => {
    assert.deepEqual(
      (await plan())
        .ofType("aws:apigateway/method:Method")
        .map((m) => m.name)
        .sort(),
      [
        "api-get-health",
        "api-get-v1-ledger-verify",
        "api-get-v1-orders-orderId",
        "api-get-v1-orders-orderId-proof",
        "api-post-v1-orders",
      ],
    );
  });

  it("should authorize every client route with the Lambda authorizer", async () => {
    const p = await plan();
    const methods = p.ofType("aws:apigateway/method:Method").filter((m) => m.name !== "api-get-health");
    const authorizer = p.named("api-authorizer").urn;
    assert.deepEqual(
      methods.map((m) => [m.inputs.authorization, m.propertyDependencies.authorizerId]),
      methods.map(() => ["CUSTOM", [authorizer]]),
    );
  });

  it("should leave only the health probe without an authorizer", async () => {
    const m = (await plan()).named("api-get-health").inputs;
    assert.deepEqual([m.authorization, m.authorizerId], ["NONE", undefined]);
  });

  it("should answer the health probe with a MOCK integration that calls no backend", async () => {
    const i = (await plan()).named("api-get-health-integration").inputs;
    assert.deepEqual([i.type, i.uri, i.integrationHttpMethod], ["MOCK", undefined, undefined]);
  });

  it("should have the health probe's MOCK pick status 200 from its request template", async () => {
    const i = (await plan()).named("api-get-health-integration").inputs;
    assert.deepEqual(
      [i.requestTemplates, i.passthroughBehavior],
      [{ "application/json": '{"statusCode":200}' }, "NEVER"],
    );
  });

  it("should answer the health probe with the same fixed body as the Lambda and Azure handlers", async () => {
    const r = (await plan()).named("api-get-health-integration-200").inputs;
    assert.deepEqual([r.statusCode, r.responseTemplates], ["200", { "application/json": '{"status":"ok"}' }]);
  });

  it("should create the health probe's integration response after its integration and method response", async () => {
    const p = await plan();
    const deps = p.named("api-get-health-integration-200").dependencies;
    assert.deepEqual(
      [deps.includes(p.named("api-get-health-integration").urn), deps.includes(p.named("api-get-health-200").urn)],
      [true, true],
    );
  });

  it("should deploy only after the health probe's integration response exists", async () => {
    const p = await plan();
    assert.ok(p.named("api-deployment").dependencies.includes(p.named("api-get-health-integration-200").urn));
  });

  it("should take usage-plan keys from the authorizer, never from the request", async () => {
    assert.equal((await plan()).named("api-api").inputs.apiKeySource, "AUTHORIZER");
  });

  it("should make the authorizer a REQUEST authorizer calling the authorizer function", async () => {
    const a = (await plan()).named("api-authorizer").inputs;
    assert.deepEqual([a.type, a.authorizerUri], ["REQUEST", invokeArn(AUTHORIZER_FN)]);
  });

  it("should key the authorizer's cache by the x-api-key header", async () => {
    assert.equal((await plan()).named("api-authorizer").inputs.identitySource, "method.request.header.x-api-key");
  });

  it("should cache the authorizer's answer for 60 s by default", async () => {
    assert.equal((await plan()).named("api-authorizer").inputs.authorizerResultTtlInSeconds, 60);
  });

  it("should cache the authorizer's answer as long as asked", async () => {
    const a = (await plan({ authorizerCacheTtlSeconds: 300 })).named("api-authorizer").inputs;
    assert.equal(a.authorizerResultTtlInSeconds, 300);
  });

  it("should refuse an authorizer cache TTL past API Gateway's hour", async () => {
    assert.deepEqual(tradeApiGatewayArgsProblems(args({ authorizerCacheTtlSeconds: 7200 })), [
      "authorizerCacheTtlSeconds: must be a whole number of seconds from 1 to 3600 (API Gateway's maximum); got 7200",
    ]);
  });

  it("should let only this API's authorizer invoke the authorizer function", async () => {
    const p = await plan();
    const permission = p.named("api-authorizer-invoke").inputs;
    const authorizerId = String(p.named("api-post-v1-orders").inputs.authorizerId);
    assert.deepEqual(
      [
        permission.function,
        permission.principal,
        String(permission.sourceArn).endsWith(`/authorizers/${authorizerId}`),
      ],
      [AUTHORIZER_FN, "apigateway.amazonaws.com", true],
    );
  });

  it("should scope the authorizer's invoke permission to this API", async () => {
    assert.match(
      String((await plan()).named("api-authorizer-invoke").inputs.sourceArn),
      /^arn:aws:execute-api:us-east-1:123456789012:[0-9a-f]+\/authorizers\/[0-9a-z-]+$/,
    );
  });

  it("should invoke the authorizer through its resource policy, with no role to assume", async () => {
    assert.equal((await plan()).named("api-authorizer").inputs.authorizerCredentials, undefined);
  });

  it("should nest /v1/orders/{orderId}/proof under /v1/orders/{orderId}", async () => {
    const p = await plan();
    assert.ok(
      p.named("api-res-v1-orders-orderId-proof").dependencies.includes(p.named("api-res-v1-orders-orderId").urn),
    );
  });

  it("should require an API key and the orderId path parameter for the proof", async () => {
    const m = (await plan()).named("api-get-v1-orders-orderId-proof").inputs;
    assert.deepEqual([m.apiKeyRequired, m.requestParameters], [true, { "method.request.path.orderId": true }]);
  });

  it("should nest /v1/orders/{orderId} under /v1/orders", async () => {
    const p = await plan();
    assert.ok(p.named("api-res-v1-orders-orderId").dependencies.includes(p.named("api-res-v1-orders").urn));
  });

  it("should require the orderId path parameter", async () => {
    assert.deepEqual((await plan()).named("api-get-v1-orders-orderId").inputs.requestParameters, {
      "method.request.path.orderId": true,
    });
  });

  it("should validate bodies against a model with the order fields", async () => {
    const schema = json<{ required: string[] }>((await plan()).named("api-order-model").inputs.schema);
    assert.deepEqual(schema.required, ["account", "pair", "side", "type", "quantity"]);
  });

  it("should let only the stage invoke the function", async () => {
    assert.match(
      String((await plan()).named("api-invoke").inputs.sourceArn),
      /^arn:aws:execute-api:us-east-1:123456789012:[0-9a-f]+\/live\/\*$/,
    );
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
    assert.match(
      String((await plan()).named("api-execution-logs").inputs.name),
      /^API-Gateway-Execution-Logs_[0-9a-f]+\/live$/,
    );
  });

  it("should encrypt the access log group with the logs key", async () => {
    assert.equal((await plan()).named("api-access-logs").inputs.kmsKeyId, LOGS_KEY);
  });

  it("should not run a cache cluster when cache is off", async () => {
    assert.equal((await plan()).named("api-stage").inputs.cacheClusterEnabled, false);
  });

  it("should encrypt the cache when cache is encrypted", async () => {
    const cached = (await plan({ cache: "encrypted" })).named("api-get-v1-orders-orderId-cache").inputs
      .settings as Record<string, unknown>;
    assert.deepEqual([cached.cachingEnabled, cached.cacheDataEncrypted], [true, true]);
  });

  it("should key cached orders by order id and API key so clients never see each other's orders", async () => {
    const integration = (await plan({ cache: "encrypted" })).named("api-get-v1-orders-orderId-integration").inputs;
    assert.deepEqual(integration.cacheKeyParameters, [
      "method.request.path.orderId",
      "method.request.header.x-api-key",
    ]);
  });

  it("should throttle the usage plan as given", async () => {
    assert.deepEqual((await plan()).named("api-usage-plan").inputs.throttleSettings, {
      rateLimit: 1000,
      burstLimit: 2000,
    });
  });

  it("should create one usage-plan key per name", async () => {
    assert.equal(
      (await plan({ apiKeyNames: ["alpha", "beta"] })).ofType("aws:apigateway/usagePlanKey:UsagePlanKey").length,
      2,
    );
  });

  it("should set the account's CloudWatch role when accountLogging is create", async () => {
    assert.ok((await plan()).has("aws:apigateway/account:Account"));
  });

  it("should leave the account's CloudWatch role alone when accountLogging is existing", async () => {
    assert.ok(!(await plan({ accountLogging: "existing" })).has("aws:apigateway/account:Account"));
  });

  it("should map the custom domain to the stage when one is given", async () => {
    assert.equal(
      (await plan({ domainName: "api.fx.example.com" })).named("api-mapping").inputs.domainName,
      "api.fx.example.com",
    );
  });
});

/** What API Gateway puts in place of the variables a gateway response template may use. */
interface GatewayContext {
  readonly messageString: string;
  readonly validationErrorString: string;
  readonly requestId: string;
}
const SAMPLE: GatewayContext = {
  messageString: "Forbidden",
  validationErrorString: '[object has missing required properties (["pair"])]',
  requestId: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
};

/**
 * Renders a template as API Gateway does: plain substitution, `messageString` quoted,
 * `validationErrorString` JSON-escaped without quotes. Then parses it as a client would.
 */
function render(
  template: string,
  context: GatewayContext = SAMPLE,
): { error: { code: string; message: string; details: { path: string; message: string }[]; requestId?: string } } {
  const body = template
    .replaceAll("$context.error.messageString", () => JSON.stringify(context.messageString))
    .replaceAll("$context.error.validationErrorString", () =>
      JSON.stringify(context.validationErrorString).slice(1, -1),
    )
    .replaceAll("$context.requestId", () => context.requestId);
  assert.ok(!body.includes("$context."), `a variable is left unsubstituted in ${body}`);
  return JSON.parse(body);
}

describe("TradeApiGateway gateway responses", () => {
  const response = async (type: string) =>
    (await plan()).ofType("aws:apigateway/response:Response").find((r) => r.inputs.responseType === type)!.inputs;
  const envelope = async (type: string) =>
    render(((await response(type)).responseTemplates as Record<string, string>)["application/json"]);

  const cases: Array<[string, string, number, string]> = [
    ["the API key is missing or unknown", "INVALID_API_KEY", 401, "UNAUTHORIZED"],
    ["the authorizer refuses the key or the header is missing", "UNAUTHORIZED", 401, "UNAUTHORIZED"],
    ["no route matches the method and path", "MISSING_AUTHENTICATION_TOKEN", 404, "NOT_FOUND"],
    ["the body fails the request validator", "BAD_REQUEST_BODY", 400, "VALIDATION_FAILED"],
    ["a required parameter is missing", "BAD_REQUEST_PARAMETERS", 400, "VALIDATION_FAILED"],
    ["the media type is not supported", "UNSUPPORTED_MEDIA_TYPE", 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["the body is over API Gateway's limit", "REQUEST_TOO_LARGE", 413, "PAYLOAD_TOO_LARGE"],
    ["the client is throttled", "THROTTLED", 429, "THROTTLED"],
    ["the WAF blocks the request", "WAF_FILTERED", 403, "FORBIDDEN"],
  ];
  for (const [when, type, status, code] of cases) {
    it(`should answer ${status} ${code} in the error envelope when ${when} (${type})`, async () => {
      const inputs = await response(type);
      assert.deepEqual([inputs.statusCode, (await envelope(type)).error.code], [String(status), code]);
    });
  }

  it("should keep API Gateway's own status on the 4xx and 5xx responses it does not name", async () => {
    assert.deepEqual(
      [(await response("DEFAULT_4XX")).statusCode, (await response("DEFAULT_5XX")).statusCode],
      [undefined, undefined],
    );
  });

  it("should answer a missing API key with the handler's message when the gateway rejects it", async () => {
    assert.equal((await envelope("INVALID_API_KEY")).error.message, "a valid x-api-key header is required");
  });

  it("should name the API key scheme on the 401, as the handler does", async () => {
    assert.equal(
      ((await response("INVALID_API_KEY")).responseParameters as Record<string, string>)[
        "gatewayresponse.header.WWW-Authenticate"
      ],
      "'ApiKey'",
    );
  });

  it("should pass the validator's message to the client as a detail of the body", async () => {
    assert.deepEqual((await envelope("BAD_REQUEST_BODY")).error.details, [
      { path: "body", message: SAMPLE.validationErrorString },
    ]);
  });

  it("should give a gateway 5xx the request id so support can trace it", async () => {
    assert.equal((await envelope("DEFAULT_5XX")).error.requestId, SAMPLE.requestId);
  });

  it("should answer every gateway response as JSON", async () => {
    const types = (await plan())
      .ofType("aws:apigateway/response:Response")
      .map((r) => (r.inputs.responseParameters as Record<string, string>)["gatewayresponse.header.Content-Type"]);
    assert.deepEqual([...new Set(types)], ["'application/json; charset=utf-8'"]);
  });

  it("should deploy the stage again with the gateway responses in place", async () => {
    const p = await plan();
    const deployment = p.named("api-deployment");
    assert.ok(p.ofType("aws:apigateway/response:Response").every((r) => deployment.dependencies.includes(r.urn)));
  });
});

describe("gatewayResponseTemplate", () => {
  const spec = (type: string) => GATEWAY_RESPONSES.find((s) => s.type === type)!;

  it("should keep the body valid JSON whatever the validator's message contains", async () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        assert.equal(
          render(gatewayResponseTemplate(spec("BAD_REQUEST_BODY")), { ...SAMPLE, validationErrorString: text }).error
            .details[0].message,
          text,
        );
      }),
    );
  });

  it("should keep the body valid JSON whatever API Gateway's own message is", async () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        assert.equal(
          render(gatewayResponseTemplate(spec("DEFAULT_4XX")), { ...SAMPLE, messageString: text }).error.message,
          text,
        );
      }),
    );
  });

  it("should give every response the envelope's three fields", async () => {
    const shapes = GATEWAY_RESPONSES.map((s) =>
      Object.keys(render(gatewayResponseTemplate(s)).error)
        .slice(0, 3)
        .join(","),
    );
    assert.deepEqual([...new Set(shapes)], ["code,message,details"]);
  });

  it("should refuse a fixed message with a $, which API Gateway would read as a variable", async () => {
    const bad: GatewayResponseSpec = { ...spec("THROTTLED"), message: { text: "costs $5" } };
    assert.throws(() => gatewayResponseTemplate(bad), /must not contain \$: costs \$5/);
  });
});

describe("gatewayResponseParameters", () => {
  it("should refuse a header value with a quote, which would end API Gateway's static value", async () => {
    const bad: GatewayResponseSpec = { ...GATEWAY_RESPONSES[0], headers: { "X-Note": "it's" } };
    assert.throws(() => gatewayResponseParameters(bad), /header X-Note must not contain ': it's/);
  });
});

describe("tradeApiGatewayArgsProblems", () => {
  const cases: Array<[string, Partial<TradeApiGatewayArgs>, RegExp]> = [
    ["retention is under a year", { logRetentionDays: 30 }, /^logRetentionDays: must be at least 365/],
    [
      "the rate limit is 0",
      { throttle: { rateLimit: 0, burstLimit: 10 } },
      /^throttle\.rateLimit: must be a whole number from 1 to 10000; got 0/,
    ],
    [
      "the burst limit is too high",
      { throttle: { rateLimit: 10, burstLimit: 5001 } },
      /^throttle\.burstLimit: must be a whole number from 1 to 5000; got 5001/,
    ],
    [
      "the execution log level is DEBUG",
      { executionLogLevel: "DEBUG" as never },
      /^executionLogLevel: expected INFO or ERROR/,
    ],
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
