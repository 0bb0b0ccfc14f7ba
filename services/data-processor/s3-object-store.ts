/** ObjectStore on S3 (AWS SDK v3). */
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { toDependencyError } from "../processing/aws-errors";
import type { ObjectStore, ReadResult } from "./object-store";
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

  async read(ref: ObjectRef, maxBytes: number): Promise<ReadResult> {
    let response;
    try {
      response = await this.client.send(
        new GetObjectCommand({
          Bucket: ref.bucket,
          Key: ref.key,
          ...(ref.versionId ? { VersionId: ref.versionId } : ref.eTag ? { IfMatch: `"${ref.eTag.replace(/"/g, "")}"` } : {}),
        }),
      );
    } catch (error) {
      const name = (error as { name?: unknown }).name;
      if (status(error) === 412 || name === "PreconditionFailed") return { kind: "gone", reason: "the object was overwritten after the event (ETag no longer matches)" };
      if (typeof name === "string" && GONE.has(name)) return { kind: "gone", reason: `the object version no longer exists (${name})` };
      throw toDependencyError("s3", "GetObject", error);
    }
    const declared = response.ContentLength;
    if (declared !== undefined && declared > maxBytes) {
      (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
      return { kind: "too-large", size: declared };
    }
    try {
      const bytes = (await response.Body?.transformToByteArray()) ?? new Uint8Array();
      return bytes.byteLength > maxBytes ? { kind: "too-large", size: bytes.byteLength } : { kind: "read", bytes };
    } catch (error) {
      throw toDependencyError("s3", "GetObject (body)", error);
    }
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
      await this.client.send(new CopyObjectCommand({ Bucket: ref.bucket, Key: destinationKey, CopySource: copySource(ref) }));
    } catch (error) {
      throw toDependencyError("s3", "CopyObject", error);
    }
  }
}
