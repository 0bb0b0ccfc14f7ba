import assert from "node:assert/strict";
import { ConflictError, DependencyError } from "../processing/errors";
import { parseAuditEvent } from "./event";
import { recordAuditEvent, type AuditRecord, type AuditStore, type StoredVersion } from "./store";
import { auditEvent } from "./testing/fixtures";

/** Keyed like the table: event_id alone. `hideFromReads` simulates a concurrent writer. */
class MemoryStore implements AuditStore {
  readonly items = new Map<string, AuditRecord>();
  hideFromReads = false;
  async findByEventId(eventId: string): Promise<readonly StoredVersion[]> {
    if (this.hideFromReads) return [];
    return [...this.items.values()]
      .filter((r) => r.event_id === eventId)
      .map((r) => ({ timestamp: r.timestamp, contentSha256: r.content_sha256 }));
  }
  async putIfAbsent(record: AuditRecord): Promise<"written" | "exists"> {
    const key = record.event_id;
    if (this.items.has(key)) return "exists";
    this.items.set(key, record);
    return "written";
  }
}

const info = { delivery: "raw" as const, messageId: "m-1", receivedAt: new Date("2025-03-01T10:00:00Z") };

describe("recordAuditEvent", () => {
  it("should write an event whose id is new", async () => {
    const store = new MemoryStore();
    assert.equal(await recordAuditEvent(store, parseAuditEvent(auditEvent()), info), "written");
    assert.equal(store.items.size, 1);
  });

  it("should report an identical redelivery as a duplicate without writing", async () => {
    const store = new MemoryStore();
    const event = parseAuditEvent(auditEvent());
    await recordAuditEvent(store, event, info);
    assert.equal(await recordAuditEvent(store, event, { ...info, messageId: "m-2" }), "duplicate");
    assert.equal(store.items.size, 1);
  });

  it("should keep the original and throw ConflictError when the same key carries other content", async () => {
    const store = new MemoryStore();
    const original = auditEvent();
    await recordAuditEvent(store, parseAuditEvent(original), info);
    await assert.rejects(
      recordAuditEvent(store, parseAuditEvent({ ...original, outcome: "FAILURE" }), info),
      ConflictError,
    );
    assert.equal([...store.items.values()][0]?.outcome, "SUCCESS");
  });

  it("should throw ConflictError when the same id arrives with another timestamp", async () => {
    const store = new MemoryStore();
    const original = auditEvent();
    await recordAuditEvent(store, parseAuditEvent(original), info);
    await assert.rejects(
      recordAuditEvent(store, parseAuditEvent({ ...original, timestamp: "2025-03-01T09:31:00Z" }), info),
      ConflictError,
    );
    assert.equal(store.items.size, 1);
  });

  it("should treat a lost conditional-put race with identical content as a duplicate", async () => {
    const store = new MemoryStore();
    const event = parseAuditEvent(auditEvent());
    await recordAuditEvent(store, event, info);
    let reads = 0;
    const racing: AuditStore = {
      findByEventId: (id) => (reads++ === 0 ? Promise.resolve([]) : store.findByEventId(id)),
      putIfAbsent: (r) => store.putIfAbsent(r),
    };
    assert.equal(await recordAuditEvent(racing, event, info), "duplicate");
  });

  it("should fail retryably when the put sees an item the consistent read does not", async () => {
    const store = new MemoryStore();
    const event = parseAuditEvent(auditEvent());
    await recordAuditEvent(store, event, info);
    store.hideFromReads = true;
    await assert.rejects(
      recordAuditEvent(store, event, info),
      (e: unknown) => e instanceof DependencyError && e.retryable,
    );
  });

  it("should store data as canonical JSON text with the content hash", async () => {
    const store = new MemoryStore();
    await recordAuditEvent(store, parseAuditEvent(auditEvent({ data: { b: 2, a: 1 } })), info);
    const item = [...store.items.values()][0];
    assert.equal(item?.data, '{"a":1,"b":2}');
    assert.match(item?.content_sha256 ?? "", /^[0-9a-f]{64}$/);
  });
});
