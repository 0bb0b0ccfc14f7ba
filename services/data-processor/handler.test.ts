import assert from "node:assert/strict";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { ConfigError } from "../processing/errors";
import { lambdaContext, QUIET_TEST_ENV, withEnv } from "../processing/testing/lambda-env";
import { startS3rver, type RunningS3rver } from "../processing/testing/s3rver";
import { buildDataLambda, handler } from "./handler";
import { GOOD_CSV, s3Event } from "./testing/fixtures";

describe("data-processor handler entry point", () => {
  let s3rver: RunningS3rver;
  let s3: S3Client;

  before(async () => {
    s3rver = await startS3rver(["fx-ingestion-test", "fx-analytics-test"]);
    s3 = s3rver.client();
  });
  after(async () => {
    s3.destroy();
    await s3rver.stop();
  });

  it("should process an S3 notification end to end from its environment", async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: "fx-ingestion-test", Key: "in/q.csv", Body: GOOD_CSV }));
    const env = {
      ...QUIET_TEST_ENV,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_ENDPOINT_URL_S3: s3rver.endpoint,
      INGESTION_BUCKET: "fx-ingestion-test",
      ANALYTICS_BUCKET: "fx-analytics-test",
    };
    const event = s3Event({
      bucket: "fx-ingestion-test",
      key: "in/q.csv",
      size: GOOD_CSV.length,
      eTag: put.ETag?.replace(/"/g, ""),
    });
    const results = await withEnv(env, () => handler(event, lambdaContext));
    assert.deepEqual(
      results.map((r) => r.status),
      ["published"],
    );
  });

  it("should refuse to build without its buckets, naming them", async () => {
    assert.throws(
      () => buildDataLambda({}),
      (e: unknown) =>
        e instanceof ConfigError && /INGESTION_BUCKET/.test(e.message) && /ANALYTICS_BUCKET/.test(e.message),
    );
  });
});
