import assert from "node:assert/strict";
import fc from "fast-check";
import { InvalidInputError } from "../processing/errors";
import { decideRecord, decodeS3Key, recordsOf } from "./s3-event";
import { encodeS3Key, s3Record } from "./testing/fixtures";

const rules = { ingestionBucket: "ingest", quarantinePrefix: "quarantine/" };

describe("s3-event", () => {
  it("should decode + as a space and %XX escapes", async () => {
    assert.equal(decodeS3Key("in/EUR+USD%2Bspot%3A1.csv"), "in/EUR USD+spot:1.csv");
  });

  it("should return undefined for a malformed escape", async () => {
    assert.equal(decodeS3Key("in/bad%E0%A4.csv"), undefined);
  });

  it("should decode any key S3 encodes back to itself", async () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1 }), (key) =>
        assert.equal(decodeS3Key(encodeS3Key(key)), key),
      ),
    );
  });

  it("should accept an ObjectCreated record from the ingestion bucket with its decoded key and version", async () => {
    const decision = decideRecord(
      s3Record({ bucket: "ingest", key: "in/a b.csv", size: 10, eTag: "abc", versionId: "v1" }),
      rules,
    );
    assert.deepEqual(decision, {
      action: "process",
      ref: { bucket: "ingest", key: "in/a b.csv", versionId: "v1", eTag: "abc", size: 10 },
    });
  });

  it("should reject a record from another bucket, naming both buckets", async () => {
    const decision = decideRecord(s3Record({ bucket: "elsewhere", key: "a.csv" }), rules);
    assert.deepEqual(decision, { action: "reject", reason: "bucket elsewhere is not the ingestion bucket ingest" });
  });

  it("should reject an event that is not ObjectCreated", async () => {
    const decision = decideRecord(
      s3Record({ bucket: "ingest", key: "a.csv", eventName: "ObjectRemoved:Delete" }),
      rules,
    );
    assert.equal(
      decision.action === "reject" && decision.reason,
      "eventName ObjectRemoved:Delete is not an ObjectCreated event",
    );
  });

  it("should reject a record whose key is not valid URL encoding", async () => {
    const record = s3Record({ bucket: "ingest", key: "a.csv" });
    record.s3.object.key = "a%ZZ.csv";
    assert.equal(decideRecord(record, rules).action, "reject");
  });

  it("should reject something that is not an S3 record, naming the missing field", async () => {
    const decision = decideRecord({ eventSource: "aws:s3", eventName: "ObjectCreated:Put" }, rules);
    assert.match(decision.action === "reject" ? decision.reason : "", /^not an S3 event record: s3: /);
  });

  it("should skip the processor's own quarantine copies", async () => {
    assert.equal(decideRecord(s3Record({ bucket: "ingest", key: "quarantine/in/a.csv" }), rules).action, "skip");
  });

  it("should refuse an event without Records", async () => {
    assert.throws(() => recordsOf({ detail: {} }), InvalidInputError);
  });
});
