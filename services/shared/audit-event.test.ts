import assert from "node:assert/strict";
import {
  AUDIT_DATA_MAX_BYTES,
  AUDIT_RESOURCE_MAX_CHARS,
  auditEventSchema,
  boundedAuditResource,
  newAuditEvent,
} from "./audit-event";

const fields = {
  source: "fx.trade-api",
  actor: "client-1",
  action: "order.book",
  resource: "order/1",
  outcome: "SUCCESS" as const,
  data: { pair: "EUR/USD" },
};

describe("audit-event", () => {
  it("should stamp a UUID and a UTC timestamp that the schema accepts", async () => {
    const event = newAuditEvent(fields, new Date("2025-01-31T12:00:00Z"));
    assert.equal(event.timestamp, "2025-01-31T12:00:00.000Z");
    assert.equal(auditEventSchema.safeParse(event).success, true);
  });

  it("should refuse a timestamp with an offset instead of Z", async () => {
    const event = { ...newAuditEvent(fields), timestamp: "2025-01-31T12:00:00+01:00" };
    assert.equal(auditEventSchema.safeParse(event).success, false);
  });

  it("should refuse an outcome outside the enum", async () => {
    const event = { ...newAuditEvent(fields), outcome: "MAYBE" };
    assert.equal(auditEventSchema.safeParse(event).success, false);
  });

  it("should refuse data larger than the bound", async () => {
    const event = newAuditEvent({ ...fields, data: { blob: "x".repeat(AUDIT_DATA_MAX_BYTES) } });
    assert.equal(auditEventSchema.safeParse(event).success, false);
  });

  it("should refuse unknown top-level fields", async () => {
    const event = { ...newAuditEvent(fields), extra: 1 };
    assert.equal(auditEventSchema.safeParse(event).success, false);
  });
});

describe("boundedAuditResource", () => {
  it("should keep a resource that fits unchanged and report no cut", async () => {
    assert.deepEqual(boundedAuditResource("GET /v1/orders"), { resource: "GET /v1/orders" });
  });

  it("should cut a resource to the schema's limit without splitting a surrogate pair", async () => {
    const { resource, cut } = boundedAuditResource(`GET /${"😀".repeat(600)}`);
    assert.ok(resource.length <= AUDIT_RESOURCE_MAX_CHARS);
    assert.doesNotMatch(resource, /[\uD800-\uDBFF]…$/);
    assert.equal(cut?.resourceTruncated, true);
  });
});
