import assert from "node:assert/strict";
import { ConfigError } from "../processing/errors";
import { DEFAULT_MAX_OBJECT_BYTES, readDataConfig } from "./config";

const base = { INGESTION_BUCKET: "fx-ingestion-dev", ANALYTICS_BUCKET: "fx-analytics-dev" };

function problemsOf(env: Record<string, string | undefined>): string {
  try {
    readDataConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems.join("\n");
  }
  assert.fail("expected a ConfigError");
}

describe("readDataConfig", () => {
  it("should apply the documented defaults", async () => {
    assert.deepEqual(readDataConfig(base), {
      ingestionBucket: "fx-ingestion-dev",
      analyticsBucket: "fx-analytics-dev",
      outputPrefix: "market-data/",
      quarantinePrefix: "quarantine/",
      maxObjectBytes: DEFAULT_MAX_OBJECT_BYTES,
    });
  });

  it("should name both buckets when they are missing", async () => {
    assert.match(problemsOf({}), /^INGESTION_BUCKET: is required[\s\S]*^ANALYTICS_BUCKET: is required/m);
  });

  it("should refuse an analytics bucket equal to the ingestion bucket", async () => {
    assert.match(
      problemsOf({ ...base, ANALYTICS_BUCKET: base.INGESTION_BUCKET }),
      /^ANALYTICS_BUCKET: must differ from INGESTION_BUCKET/,
    );
  });

  it("should refuse a prefix without a trailing slash", async () => {
    assert.match(
      problemsOf({ ...base, QUARANTINE_PREFIX: "quarantine" }),
      /^QUARANTINE_PREFIX: must be one or more path segments/,
    );
  });

  it("should refuse a MAX_OBJECT_BYTES that is not a whole number", async () => {
    assert.match(
      problemsOf({ ...base, MAX_OBJECT_BYTES: "32MB" }),
      /^MAX_OBJECT_BYTES: must be a whole number of bytes/,
    );
  });

  it("should refuse a MAX_OBJECT_BYTES above 256 MiB", async () => {
    assert.match(
      problemsOf({ ...base, MAX_OBJECT_BYTES: String(512 * 1024 * 1024) }),
      /^MAX_OBJECT_BYTES: must be at most/,
    );
  });
});
