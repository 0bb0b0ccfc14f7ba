/**
 * S3ObjectStore request shapes that s3rver cannot show: s3rver has no object versioning (it
 * ignores VersionId and cannot copy `?versionId=` sources) and ignores If-Match, so these cases
 * use aws-sdk-client-mock to check the exact requests and the mapping of S3's answers.
 */
import assert from "node:assert/strict";
import { CopyObjectCommand, GetObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { copySource, S3ObjectStore } from "./s3-object-store";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const ref = { bucket: "ingest", key: "in/EUR USD+1.csv", eTag: "abc123", size: 3 };

function body(bytes: Uint8Array, onDestroy: () => void = () => undefined) {
  return { transformToByteArray: async () => bytes, destroy: onDestroy } as never;
}

function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status }, message: name });
}

describe("S3ObjectStore (aws-sdk-client-mock)", () => {
  const client = new S3Client({ region: "us-east-1", credentials, endpoint: "http://127.0.0.1:9" });
  const mock = mockClient(client);
  const store = new S3ObjectStore(client);
  afterEach(() => mock.reset());
  after(() => mock.restore());

  it("should read a versioned object by its version id", async () => {
    mock.on(GetObjectCommand).resolves({ ContentLength: 3, Body: body(new Uint8Array([1, 2, 3])) });
    await store.open({ ...ref, versionId: "v9" }, 10);
    const input = mock.commandCalls(GetObjectCommand)[0]?.args[0].input;
    assert.deepEqual([input?.VersionId, input?.IfMatch], ["v9", undefined]);
  });

  it("should read an unversioned object only if its quoted ETag still matches", async () => {
    mock.on(GetObjectCommand).resolves({ ContentLength: 3, Body: body(new Uint8Array([1, 2, 3])) });
    await store.open(ref, 10);
    assert.equal(mock.commandCalls(GetObjectCommand)[0]?.args[0].input.IfMatch, '"abc123"');
  });

  it("should report an object overwritten since the event as gone", async () => {
    mock.on(GetObjectCommand).rejects(s3Error("PreconditionFailed", 412));
    assert.equal((await store.open(ref, 10)).kind, "gone");
  });

  it("should refuse a body larger than the limit and release the stream", async () => {
    let destroyed = false;
    mock.on(GetObjectCommand).resolves({ ContentLength: 11, Body: body(new Uint8Array(11), () => (destroyed = true)) });
    assert.deepEqual([await store.open(ref, 10), destroyed], [{ kind: "too-large", size: 11 }, true]);
  });

  it("should map throttling to a retryable dependency error", async () => {
    mock.on(GetObjectCommand).rejects(s3Error("SlowDown", 503));
    await assert.rejects(store.open(ref, 10), (e: unknown) => (e as { retryable?: boolean }).retryable === true);
  });

  it("should copy exactly the version that was rejected", async () => {
    mock.on(CopyObjectCommand).resolves({});
    await store.copy({ ...ref, versionId: "v9" }, "quarantine/in/EUR USD+1.csv");
    assert.equal(
      mock.commandCalls(CopyObjectCommand)[0]?.args[0].input.CopySource,
      "ingest/in/EUR%20USD%2B1.csv?versionId=v9",
    );
  });

  it("should URL-encode each key segment of the copy source", async () => {
    assert.equal(copySource({ bucket: "b", key: "a b/c?d#e.csv" }), "b/a%20b/c%3Fd%23e.csv");
  });
});
