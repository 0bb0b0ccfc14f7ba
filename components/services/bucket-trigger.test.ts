import assert from "node:assert/strict";
import { runProgram } from "../testing/harness";
import { BucketTrigger, bucketTriggerArgsProblems, type BucketTriggerArgs } from "./bucket-trigger";
import { ACCOUNT } from "./testing";

const args = (overrides: Partial<BucketTriggerArgs> = {}): BucketTriggerArgs => ({
  bucket: "ingestion",
  bucketArn: "arn:aws:s3:::ingestion",
  accountId: ACCOUNT,
  functionArn: "arn:aws:lambda:us-east-1:123456789012:function:data-processor",
  filterPrefix: "incoming/",
  ...overrides,
});

describe("BucketTrigger", () => {
  it("should let S3 invoke the function only for this bucket", async () => {
    const p = await runProgram(() => new BucketTrigger("ingest", args()));
    assert.equal(p.named("ingest-permission").inputs.sourceArn, "arn:aws:s3:::ingestion");
  });

  it("should let S3 invoke the function only for this account's bucket", async () => {
    const p = await runProgram(() => new BucketTrigger("ingest", args()));
    assert.equal(p.named("ingest-permission").inputs.sourceAccount, ACCOUNT);
  });

  it("should notify on created objects under the prefix", async () => {
    const p = await runProgram(() => new BucketTrigger("ingest", args()));
    const [fn] = p.named("ingest-notification").inputs.lambdaFunctions as { events: string[]; filterPrefix: string }[];
    assert.deepEqual([fn.events, fn.filterPrefix], [["s3:ObjectCreated:*"], "incoming/"]);
  });

  it("should create the notification after the permission", async () => {
    const p = await runProgram(() => new BucketTrigger("ingest", args()));
    assert.ok(p.named("ingest-notification").dependencies.includes(p.named("ingest-permission").urn));
  });
});

describe("bucketTriggerArgsProblems", () => {
  it("should report filterPrefix when it does not end with /", async () => {
    assert.match(
      bucketTriggerArgsProblems(args({ filterPrefix: "incoming" }))[0],
      /^filterPrefix: must be a key prefix ending with \//,
    );
  });

  it("should report events when the list is empty", async () => {
    assert.match(bucketTriggerArgsProblems(args({ events: [] }))[0], /^events: list at least one S3 event type/);
  });

  it("should report an event that is not an S3 event type", async () => {
    assert.match(
      bucketTriggerArgsProblems(args({ events: ["ObjectCreated"] }))[0],
      /^events\[0\]: expected an S3 event type like s3:ObjectCreated:\*/,
    );
  });
});
