import assert from "node:assert/strict";
import fc from "fast-check";
import { InvalidInputError } from "../processing/errors";
import { canonicalJson, contentHash, parseAuditEvent } from "./event";
import { auditEvent } from "./testing/fixtures";

function problemsOf(payload: unknown): readonly string[] {
  try {
    parseAuditEvent(payload);
  } catch (error) {
    assert.ok(error instanceof InvalidInputError, "expected InvalidInputError");
    return error.problems;
  }
  assert.fail("expected the event to be rejected");
}

describe("audit event", () => {
  describe("canonicalJson", () => {
    it("should not depend on key order at any depth", async () => {
      assert.equal(
        canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } }),
        canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }),
      );
    });

    it("should be a fixed point when its output is parsed and canonicalised again", async () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          const once = canonicalJson(value);
          assert.equal(canonicalJson(JSON.parse(once)), once);
        }),
      );
    });
  });

  describe("parseAuditEvent", () => {
    it("should accept an event that follows the shared contract", async () => {
      const event = auditEvent();
      assert.equal(parseAuditEvent(event).event_id, event["event_id"]);
    });

    it("should lower-case the event id so case variants are one event", async () => {
      const id = "0F8FAD5B-D9CB-469F-A165-70867728950E";
      assert.equal(parseAuditEvent(auditEvent({ event_id: id })).event_id, id.toLowerCase());
    });

    it("should name every invalid field in one error", async () => {
      const problems = problemsOf(auditEvent({ event_id: "not-a-uuid", outcome: "MAYBE", data: [] }));
      assert.deepEqual(
        problems.map((p) => p.split(":")[0]),
        ["event_id", "outcome", "data"],
      );
    });

    it("should refuse unknown top-level fields", async () => {
      assert.match(problemsOf({ ...auditEvent(), extra: true }).join(), /extra/);
    });

    it("should refuse a timestamp the shared schema lets through but the calendar does not have", async () => {
      assert.match(
        problemsOf(auditEvent({ timestamp: "2025-02-30T10:00:00Z" })).join(),
        /^timestamp: .*not a real UTC instant/,
      );
    });

    it("should give the same content hash for events differing only in spelling", async () => {
      const a = auditEvent({ timestamp: "2025-03-01T09:30:00Z", data: { x: 1, y: 2 } });
      const b = {
        ...a,
        event_id: String(a["event_id"]).toUpperCase(),
        timestamp: "2025-03-01T09:30:00.000Z",
        data: { y: 2, x: 1 },
      };
      assert.equal(contentHash(parseAuditEvent(a)), contentHash(parseAuditEvent(b)));
    });

    it("should give different content hashes when any field differs", async () => {
      const a = auditEvent();
      assert.notEqual(contentHash(parseAuditEvent(a)), contentHash(parseAuditEvent({ ...a, outcome: "FAILURE" })));
    });

    it("should only ever throw InvalidInputError for arbitrary payloads", async () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.anything(), fc.record({ event_id: fc.string(), timestamp: fc.string(), data: fc.anything() })),
          (payload) => {
            try {
              parseAuditEvent(payload);
            } catch (error) {
              assert.ok(error instanceof InvalidInputError, `unexpected ${String(error)}`);
            }
          },
        ),
      );
    });
  });

  describe("data the store would change", () => {
    it("should refuse a __proto__ member instead of dropping it", async () => {
      const payload = JSON.parse(JSON.stringify(auditEvent()).replace('"data":{', '"data":{"__proto__":{"x":1},'));
      assert.match(problemsOf(payload).join(";"), /__proto__/);
    });

    it("should refuse data nested deeper than the limit, saying so", async () => {
      let data: unknown = 1;
      for (let i = 0; i < 40; i += 1) data = { a: data };
      assert.match(problemsOf(auditEvent({ data })).join(";"), /nested more than 32 levels/);
    });

    it("should refuse a number that is not finite", async () => {
      assert.match(problemsOf(auditEvent({ data: { n: Number.POSITIVE_INFINITY } })).join(";"), /finite/);
    });
  });
});
