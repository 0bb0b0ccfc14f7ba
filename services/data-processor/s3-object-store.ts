/** ObjectStore on S3 (AWS SDK v3). */
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { toDependencyError } from "../processing/aws-errors";
import type { ObjectStore, ObjectWriter, OpenResult } from "./object-store";
import type { ObjectRef } from "./s3-event";

const GONE = new Set(["NoSuchKey", "NoSuchVersion", "NotFound"]);

function status(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/** `bucket/key[?versionId=…]` with the key URL-encoded per path segment, as CopySource requires. */
export function copySource(ref: ObjectRef): string {
  const key = ref.key.split("/").map(encodeURIComponent).join("/");
  return `${ref.bucket}/${key}${ref.versionId ? `?versionId=${encodeURIComponent(ref.versionId)}` : ""}`;
}

export class S3ObjectStore implements ObjectStore {
  constructor(private readonly client: S3Client) {}

  async open(ref: ObjectRef, maxBytes: number): Promise<OpenResult> {
    let response;
    try {
      response = await this.client.send(
        new GetObjectCommand({
          Bucket: ref.bucket,
          Key: ref.key,
          ...(ref.versionId
            ? { VersionId: ref.versionId }
            : ref.eTag
              ? { IfMatch: `"${ref.eTag.replace(/"/g, "")}"` }
              : {}),
        }),
      );
    } catch (error) {
      const name = (error as { name?: unknown }).name;
      if (status(error) === 412 || name === "PreconditionFailed")
        return { kind: "gone", reason: "the object was overwritten after the event (ETag no longer matches)" };
      if (typeof name === "string" && GONE.has(name))
        return { kind: "gone", reason: `the object version no longer exists (${name})` };
      throw toDependencyError("s3", "GetObject", error);
    }
    const body = response.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
    const declared = response.ContentLength;
    if (declared !== undefined && declared > maxBytes) {
      body?.destroy?.();
      return { kind: "too-large", size: declared };
    }
    return { kind: "stream", body: readBody(body), release: () => body?.destroy?.() };
  }

  writer(bucket: string, key: string, contentType: string): ObjectWriter {
    return new S3ObjectWriter(this.client, bucket, key, contentType);
  }

  async put(bucket: string, key: string, body: string, contentType: string): Promise<void> {
    try {
      await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    } catch (error) {
      throw toDependencyError("s3", "PutObject", error);
    }
  }

  async copy(ref: ObjectRef, destinationKey: string): Promise<void> {
    try {
      await this.client.send(
        new CopyObjectCommand({ Bucket: ref.bucket, Key: destinationKey, CopySource: copySource(ref) }),
      );
    } catch (error) {
      throw toDependencyError("s3", "CopyObject", error);
    }
  }
}

/** The body's chunks, with a failure mid-download reported as the dependency error it is. */
async function* readBody(body: AsyncIterable<Uint8Array> | undefined): AsyncGenerator<Uint8Array> {
  if (!body) return;
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    throw toDependencyError("s3", "GetObject (body)", error);
  }
}

/** S3's smallest part: each open writer buffers at most about two of these. */
export const UPLOAD_PART_BYTES = 5 * 1024 * 1024;

/**
 * A streaming upload (lib-storage): one PutObject when the object stays under a part, else a
 * multipart upload with one part in flight. `write` waits for the stream to drain, so memory
 * per writer stays near two parts whatever the object's size.
 */
class S3ObjectWriter implements ObjectWriter {
  private readonly stream = new PassThrough({ highWaterMark: 256 * 1024 });
  private readonly upload: Upload;
  private readonly done: Promise<unknown>;
  private failure: unknown;

  constructor(client: S3Client, bucket: string, key: string, contentType: string) {
    this.upload = new Upload({
      client,
      params: { Bucket: bucket, Key: key, Body: this.stream, ContentType: contentType },
      queueSize: 1,
      partSize: UPLOAD_PART_BYTES,
      leavePartsOnError: false,
    });
    this.done = this.upload.done().catch((error: unknown) => {
      this.failure ??= error;
      this.stream.destroy();
      throw error;
    });
    this.done.catch(() => undefined); // observed in write/complete; never an unhandled rejection
  }

  async write(text: string): Promise<void> {
    if (this.failure !== undefined) throw toDependencyError("s3", "PutObject (streaming upload)", this.failure);
    if (this.stream.write(text)) return;
    await Promise.race([once(this.stream, "drain"), this.done.then(() => undefined)]).catch((error: unknown) => {
      throw toDependencyError("s3", "PutObject (streaming upload)", error);
    });
  }

  async complete(): Promise<void> {
    this.stream.end();
    try {
      await this.done;
    } catch (error) {
      throw toDependencyError("s3", "PutObject (streaming upload)", error);
    }
  }

  async abort(): Promise<void> {
    this.failure ??= new Error("aborted");
    await this.upload.abort().catch(() => undefined);
    this.stream.destroy();
    await this.done.catch(() => undefined);
  }
}
