import assert from "node:assert/strict";
import { lifecycleRules, type LifecycleSettings } from "./profiles";

const base = { noncurrentVersionExpirationDays: 30, transitionDays: 90 };
const rule = (s: LifecycleSettings, id: string) => lifecycleRules(s).find((r) => r.id === id);

describe("lifecycleRules", () => {
  it("should abort incomplete multipart uploads after 7 days for every profile", async () => {
    assert.deepEqual(
      rule({ ...base, profile: "analytics" }, "abort-incomplete-multipart-uploads")?.abortIncompleteMultipartUpload,
      { daysAfterInitiation: 7 },
    );
  });

  it("should expire noncurrent versions after the given days", async () => {
    assert.deepEqual(
      rule({ ...base, profile: "audit", retentionDays: 400 }, "expire-noncurrent-versions")
        ?.noncurrentVersionExpiration,
      { noncurrentDays: 30 },
    );
  });

  it("should move ingestion data to Glacier Flexible Retrieval after the transition days", async () => {
    assert.deepEqual(rule({ ...base, profile: "ingestion" }, "transition-to-glacier")?.transitions, [
      { days: 90, storageClass: "GLACIER" },
    ]);
  });

  it("should move analytics data to Glacier Flexible Retrieval after the transition days", async () => {
    assert.deepEqual(rule({ ...base, profile: "analytics" }, "transition-to-glacier")?.transitions, [
      { days: 90, storageClass: "GLACIER" },
    ]);
  });

  it("should move archival data to Glacier Deep Archive after the transition days", async () => {
    assert.deepEqual(rule({ ...base, profile: "archival" }, "transition-to-deep-archive")?.transitions, [
      { days: 90, storageClass: "DEEP_ARCHIVE" },
    ]);
  });

  it("should expire audit logs after the retention days", async () => {
    assert.deepEqual(rule({ ...base, profile: "audit", retentionDays: 2557 }, "expire-after-retention")?.expiration, {
      days: 2557,
    });
  });

  it("should expire access logs after the retention days", async () => {
    assert.deepEqual(
      rule({ ...base, profile: "access-logs", retentionDays: 365 }, "expire-after-retention")?.expiration,
      { days: 365 },
    );
  });

  it("should never expire current objects of a data profile", async () => {
    assert.ok(lifecycleRules({ ...base, profile: "archival" }).every((r) => r.expiration === undefined));
  });
});
