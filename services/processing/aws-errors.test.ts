import assert from "node:assert/strict";
import { isRetryableAwsError, toDependencyError } from "./aws-errors";

const sdkError = (name: string, status?: number) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });

describe("aws-errors", () => {
  it("should treat throttling as retryable even with a 400 status", async () => {
    assert.equal(isRetryableAwsError(sdkError("ProvisionedThroughputExceededException", 400)), true);
  });

  it("should treat a 5xx as retryable", async () => {
    assert.equal(isRetryableAwsError(sdkError("InternalServerError", 500)), true);
  });

  it("should treat a network failure without an HTTP status as retryable", async () => {
    assert.equal(isRetryableAwsError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })), true);
  });

  it("should treat access denied as not retryable", async () => {
    assert.equal(isRetryableAwsError(sdkError("AccessDeniedException", 400)), false);
  });

  it("should name the service, operation and SDK error in the message", async () => {
    const error = toDependencyError("s3", "GetObject", sdkError("NoSuchBucket", 404));
    assert.deepEqual(
      [error.code, error.kind, error.message],
      ["s3-rejected", "config", "s3 GetObject failed with NoSuchBucket: NoSuchBucket happened"],
    );
  });
});
