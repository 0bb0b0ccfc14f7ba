import assert from "node:assert/strict";
import { HttpRequest } from "@azure/functions";
import { toAzureResponse, toProxyEventFromAzure } from "./azure-event";
import { hashApiKey } from "./auth";
import { MARKET_ORDER } from "./testing/events";
import { startTradeFixture, TEST_API_KEY, type TradeFixture } from "./testing/fixture";

const request = (init: ConstructorParameters<typeof HttpRequest>[0]) => new HttpRequest(init);

describe("azure-event", () => {
  it("should keep the whole path with the default empty route prefix", async () => {
    const event = await toProxyEventFromAzure(
      request({ method: "GET", url: "https://api.fx.example.com/v1/orders/abc" }),
    );
    assert.equal(event.path, "/v1/orders/abc");
  });

  it("should give the path without its leading slash as the proxy parameter", async () => {
    const event = await toProxyEventFromAzure(
      request({ method: "GET", url: "https://api.fx.example.com/v1/orders/abc" }),
    );
    assert.deepEqual(event.pathParameters, { proxy: "v1/orders/abc" });
  });

  it("should not strip /api when the route prefix is empty", async () => {
    const event = await toProxyEventFromAzure(request({ method: "GET", url: "https://api.fx.example.com/api/health" }));
    assert.equal(event.path, "/api/health");
  });

  it("should strip Azure's /api prefix when told the host uses it", async () => {
    const event = await toProxyEventFromAzure(request({ method: "GET", url: "https://fx.example/api/v1/orders/abc" }), {
      routePrefix: "/api",
    });
    assert.equal(event.path, "/v1/orders/abc");
  });

  it("should honour a custom route prefix", async () => {
    const event = await toProxyEventFromAzure(request({ method: "GET", url: "https://fx.example/trade/health" }), {
      routePrefix: "/trade",
    });
    assert.equal(event.path, "/health");
  });

  it("should carry method, headers, query and a text body", async () => {
    const event = await toProxyEventFromAzure(
      request({
        method: "post",
        url: "https://fx.example/v1/orders?x=1",
        headers: { "X-Api-Key": "k", "x-forwarded-for": "203.0.113.9, 10.0.0.1" },
        body: { string: '{"a":1}' },
      }),
    );
    assert.equal(event.httpMethod, "POST");
    assert.equal(event.headers["x-api-key"], "k");
    assert.deepEqual(event.queryStringParameters, { x: "1" });
    assert.deepEqual([event.body, event.isBase64Encoded], ['{"a":1}', false]);
    assert.equal(event.requestContext.identity.sourceIp, "203.0.113.9");
  });

  it("should base64-encode a body that is not UTF-8", async () => {
    const event = await toProxyEventFromAzure(
      request({ method: "POST", url: "https://fx.example/api/x", body: { bytes: new Uint8Array([0xff]) } }),
    );
    assert.deepEqual([event.body, event.isBase64Encoded], ["/w==", true]);
  });

  it("should convert a result into status, headers and body", async () => {
    const res = toAzureResponse({ statusCode: 201, headers: { "content-type": "application/json" }, body: "{}" });
    assert.deepEqual(res, { status: 201, headers: { "content-type": "application/json" }, body: "{}" });
  });

  describe("through the trade API handler", () => {
    let f: TradeFixture;
    before(async () => {
      f = await startTradeFixture();
    });
    after(async () => {
      await f.stop();
    });

    it("should book an order sent as an Azure HttpRequest", async () => {
      const req = request({
        method: "POST",
        url: "https://api.fx.example.com/v1/orders",
        headers: { "content-type": "application/json", "x-api-key": TEST_API_KEY, "idempotency-key": "azure-1" },
        body: { string: JSON.stringify(MARKET_ORDER) },
      });
      const res = toAzureResponse(await f.api(await toProxyEventFromAzure(req)));
      assert.equal(res.status, 201);
      assert.equal((JSON.parse(String(res.body)) as { notional: string }).notional, "1083.45");
    });
  });

  it("should parse API_KEY_HASHES into hash → client", async () => {
    const { parseApiKeyHashes } = await import("./azure-function");
    const hash = hashApiKey("k");
    assert.deepEqual([...parseApiKeyHashes(`c1:${hash}`)], [[hash, { clientId: "c1" }]]);
  });

  it("should name the clients of bad API_KEY_HASHES entries", async () => {
    const { parseApiKeyHashes } = await import("./azure-function");
    assert.throws(() => parseApiKeyHashes("c2:nothex"), /bad entries for: c2/);
  });
});
