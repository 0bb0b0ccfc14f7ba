import assert from "node:assert/strict";
import fc from "fast-check";
import { canonicalTimestamp } from "./timestamp";

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
      fc.property(
        fc.date({ min: new Date(0), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true }),
        (d) => {
          assert.equal(canonicalTimestamp(d.toISOString()), d.toISOString());
        },
      ),
    );
  });
});
