import assert from "node:assert/strict";
import { HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { digestKey, S3DigestSink } from "./s3-digest-sink";

const digest = {
  id: 7n,
  createdAt: "2026-01-01T00:00:00.001Z",
  heads: [{ chain: 0, sequence: 0n, hash: "0".repeat(64) }],
  treeRoot: "a".repeat(64),
  prevHash: "b".repeat(64),
  hash: "c".repeat(64),
};

describe("S3DigestSink", () => {
  const s3 = mockClient(S3Client);
  const client = new S3Client({ region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  beforeEach(() => s3.reset());

  it("should put each digest once under ledger-digests/ with a zero-padded id", async () => {
    s3.on(PutObjectCommand).resolves({});
    await new S3DigestSink(client, "digests").put(digest);
    assert.equal(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Key, "ledger-digests/00000000000000000007.json");
  });

  it("should send a SHA-256 checksum, which Object Lock requires on every PUT", async () => {
    s3.on(PutObjectCommand).resolves({});
    await new S3DigestSink(client, "digests").put(digest);
    assert.equal(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.ChecksumAlgorithm, "SHA256");
  });

  it("should store the digest's hash and heads as the database holds them", async () => {
    s3.on(PutObjectCommand).resolves({});
    await new S3DigestSink(client, "digests").put(digest);
    const body = JSON.parse(String(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Body));
    assert.deepEqual([body.id, body.hash, body.heads], ["7", "c".repeat(64), [[0, "0", "0".repeat(64)]]]);
  });

  it("should report a missing copy as missing", async () => {
    s3.on(HeadObjectCommand).rejects(new NotFound({ message: "not found", $metadata: { httpStatusCode: 404 } }));
    assert.equal(await new S3DigestSink(client, "digests").has(3n), false);
  });

  it("should rethrow any other error when checking a copy", async () => {
    s3.on(HeadObjectCommand).rejects(
      Object.assign(new Error("denied"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } }),
    );
    await assert.rejects(new S3DigestSink(client, "digests").has(3n), /denied/);
  });

  it("should name keys so that they sort in digest order", async () => {
    assert.ok(digestKey(9n) < digestKey(10n));
  });
});
