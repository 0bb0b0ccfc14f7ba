import assert from "node:assert/strict";
import { MemoryAuditPublisher } from "../shared/audit-event";
import { silentObservability } from "../shared/observability";
import { hashApiKey, StaticApiKeyStore, type ApiKeyStore } from "./auth";
import {
  AuthorizerEventError,
  createAuthorizer,
  parseAuthorizerEvent,
  stageWideResource,
  UNAUTHORIZED,
  type Authorizer,
} from "./authorizer";

const KEY = "fxtest_Q3m9Zp1xL7vB2cN8kR4tY6wH0jD5sF1gA9eU3iO7qWe";
const ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123def4/live/GET/v1/orders/42";

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "REQUEST",
    methodArn: ARN,
    path: "/v1/orders/42",
    httpMethod: "GET",
    headers: { "x-api-key": KEY },
    requestContext: { identity: { sourceIp: "203.0.113.9" } },
    ...overrides,
  };
}

function authorizerWith(store: ApiKeyStore, audit = new MemoryAuditPublisher()): Authorizer {
  return createAuthorizer({ store, audit, logger: silentObservability("authorizer-test").logger });
}

const store = new StaticApiKeyStore(new Map([[hashApiKey(KEY), { clientId: "client-9", usageIdentifierKey: "u-9" }]]));

describe("createAuthorizer", () => {
  it("should allow an active key with its client id in the context", async () => {
    const result = await authorizerWith(store)(event());
    assert.deepEqual(result.context, { clientId: "client-9" });
  });

  it("should name the client as the principal", async () => {
    assert.equal((await authorizerWith(store)(event())).principalId, "client-9");
  });

  it("should return the client's usage-plan key as usageIdentifierKey", async () => {
    assert.equal((await authorizerWith(store)(event())).usageIdentifierKey, "u-9");
  });

  it("should leave usageIdentifierKey out when the row has no usage key", async () => {
    const bare = new StaticApiKeyStore(new Map([[hashApiKey(KEY), { clientId: "client-9" }]]));
    assert.equal("usageIdentifierKey" in (await authorizerWith(bare)(event())), false);
  });

  it("should allow every method of the stage, since API Gateway caches the answer per key", async () => {
    const result = await authorizerWith(store)(event());
    const statement = result.policyDocument.Statement[0] as { Resource: string };
    assert.equal(statement.Resource, "arn:aws:execute-api:us-east-1:123456789012:abc123def4/live/*/*");
  });

  it("should read the key header whatever its casing", async () => {
    const result = await authorizerWith(store)(event({ headers: { "X-API-KEY": KEY } }));
    assert.equal(result.principalId, "client-9");
  });

  it("should answer Unauthorized for an unknown key", async () => {
    const other = "fxtest_Zl4qpWDrXr-0LHWKUQpYHdh8Hm3k7N2pCg5IBx1Ts6o";
    await assert.rejects(authorizerWith(store)(event({ headers: { "x-api-key": other } })), { message: UNAUTHORIZED });
  });

  it("should answer Unauthorized when the header is missing", async () => {
    await assert.rejects(authorizerWith(store)(event({ headers: null })), { message: UNAUTHORIZED });
  });

  it("should answer Unauthorized for a key without the issued shape", async () => {
    await assert.rejects(authorizerWith(store)(event({ headers: { "x-api-key": "password" } })), {
      message: UNAUTHORIZED,
    });
  });

  it("should audit a denial with the method, path and caller", async () => {
    const audit = new MemoryAuditPublisher();
    await authorizerWith(store, audit)(event({ headers: {} })).catch(() => undefined);
    const [denial] = audit.events;
    assert.deepEqual(
      [denial?.outcome, denial?.resource, denial?.data],
      ["DENIED", "GET /v1/orders/42", { sourceIp: "203.0.113.9" }],
    );
  });

  it("should answer Unauthorized for an event that is not a REQUEST authorizer event", async () => {
    await assert.rejects(authorizerWith(store)({ type: "TOKEN", authorizationToken: KEY, methodArn: ARN }), {
      message: UNAUTHORIZED,
    });
  });

  it("should still audit the denial when the event is malformed", async () => {
    const audit = new MemoryAuditPublisher();
    await authorizerWith(store, audit)({ nonsense: true }).catch(() => undefined);
    assert.equal(audit.events[0]?.resource, "? ?");
  });

  it("should answer Unauthorized even when the audit topic fails", async () => {
    const failing = { publish: async () => Promise.reject(new Error("sns down")) };
    const authorizer = createAuthorizer({ store, audit: failing, logger: silentObservability("t").logger });
    await assert.rejects(authorizer(event({ headers: {} })), { message: UNAUTHORIZED });
  });

  it("should fail (not deny) when the key store fails, so API Gateway answers 500 and caches nothing", async () => {
    const broken: ApiKeyStore = { findByHash: async () => Promise.reject(new Error("dynamodb throttled")) };
    await assert.rejects(authorizerWith(broken)(event()), { message: "dynamodb throttled" });
  });
});

describe("parseAuthorizerEvent", () => {
  it("should name the field of a malformed event", async () => {
    assert.throws(() => parseAuthorizerEvent(event({ methodArn: "arn:aws:lambda:x" })), AuthorizerEventError);
  });

  it("should say which field is wrong", async () => {
    assert.throws(() => parseAuthorizerEvent(event({ methodArn: 7 })), /methodArn/);
  });
});

describe("stageWideResource", () => {
  it("should keep the partition of a GovCloud method ARN", async () => {
    assert.equal(
      stageWideResource("arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:a1b2c3/prod/POST/v1/orders"),
      "arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:a1b2c3/prod/*/*",
    );
  });
});
