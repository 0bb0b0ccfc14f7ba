import assert from "node:assert/strict";
import fc from "fast-check";
import { InvalidInputError } from "../processing/errors";
import { canonicalJson, canonicalTimestamp, contentHash, parseAuditEvent } from "./event";
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
  describe("canonicalTimestamp", () => {
    it("should pad a timestamp without fraction to milliseconds", async () => {
      assert.equal(canonicalTimestamp("2025-03-01T09:30:00Z"), "2025-03-01T09:30:00.000Z");
    });

    it("should keep sub-millisecond digits but drop their trailing zeros", async () => {
      assert.equal(canonicalTimestamp("2025-03-01T09:30:00.1234500Z"), "2025-03-01T09:30:00.12345Z");
    });

    it("should give one spelling for the same instant written two ways", async () => {
      assert.equal(canonicalTimestamp("2025-03-01T09:30:00.5Z"), canonicalTimestamp("2025-03-01T09:30:00.500000Z"));
    });

    it("should refuse days that do not exist in the month", async () => {
      assert.equal(canonicalTimestamp("2025-02-29T00:00:00Z"), undefined);
    });

    it("should accept 29 February in a leap year", async () => {
      assert.equal(canonicalTimestamp("2024-02-29T00:00:00Z"), "2024-02-29T00:00:00.000Z");
    });

    it("should refuse hour 24 and leap second 60", async () => {
      assert.equal(canonicalTimestamp("2025-03-01T24:00:00Z"), undefined);
      assert.equal(canonicalTimestamp("2025-03-01T23:59:60Z"), undefined);
    });

    it("should refuse offsets other than Z", async () => {
      assert.equal(canonicalTimestamp("2025-03-01T09:30:00+00:00"), undefined);
    });

    it("should refuse instants before 1970", async () => {
      assert.equal(canonicalTimestamp("1969-12-31T23:59:59Z"), undefined);
    });

    it("should agree with Date#toISOString for every millisecond instant", async () => {
      fc.assert(
        fc.property(fc.date({ min: new Date(0), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true }), (d) => {
          assert.equal(canonicalTimestamp(d.toISOString()), d.toISOString());
        }),
      );
    });
  });

  describe("canonicalJson", () => {
    it("should not depend on key order at any depth", async () => {
      assert.equal(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } }), canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }));
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
      assert.match(problemsOf(auditEvent({ timestamp: "2025-02-30T10:00:00Z" })).join(), /^timestamp: .*not a real UTC instant/);
    });

    it("should give the same content hash for events differing only in spelling", async () => {
      const a = auditEvent({ timestamp: "2025-03-01T09:30:00Z", data: { x: 1, y: 2 } });
      const b = { ...a, event_id: String(a["event_id"]).toUpperCase(), timestamp: "2025-03-01T09:30:00.000Z", data: { y: 2, x: 1 } };
      assert.equal(contentHash(parseAuditEvent(a)), contentHash(parseAuditEvent(b)));
    });

    it("should give different content hashes when any field differs", async () => {
      const a = auditEvent();
      assert.notEqual(contentHash(parseAuditEvent(a)), contentHash(parseAuditEvent({ ...a, outcome: "FAILURE" })));
    });

    it("should only ever throw InvalidInputError for arbitrary payloads", async () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), fc.record({ event_id: fc.string(), timestamp: fc.string(), data: fc.anything() })), (payload) => {
          try {
            parseAuditEvent(payload);
          } catch (error) {
            assert.ok(error instanceof InvalidInputError, `unexpected ${String(error)}`);
          }
        }),
      );
    });
  });
});
