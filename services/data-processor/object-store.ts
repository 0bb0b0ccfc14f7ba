/** The S3 operations the data processor needs, behind an interface the domain can fake. */
import type { ObjectRef } from "./s3-event";

export type OpenResult =
  /** The body as it streams in; `release` stops the download early (always call it). */
  | { readonly kind: "stream"; readonly body: AsyncIterable<Uint8Array>; release(): void }
  | { readonly kind: "too-large"; readonly size: number }
  /** The exact version is gone or was overwritten since the event (a newer event follows). */
  | { readonly kind: "gone"; readonly reason: string };

/**
 * One output object written as it is produced: nothing is visible in the bucket until
 * `complete` (a multipart upload, or one PUT for a small object), so `abort` leaves nothing behind.
 */
export interface ObjectWriter {
  /** Resolves when the text is buffered; waits while the upload catches up (bounded memory). */
  write(text: string): Promise<void>;
  complete(): Promise<void>;
  /** Best effort; never throws. Parts S3 still holds expire with the bucket's abort-incomplete-multipart rule. */
  abort(): Promise<void>;
}

export interface ObjectStore {
  /** Opens exactly the referenced version (by version id, else by ETag), refusing a declared size over `maxBytes`. */
  open(ref: ObjectRef, maxBytes: number): Promise<OpenResult>;
  /** A streaming writer for a new object. */
  writer(bucket: string, key: string, contentType: string): ObjectWriter;
  put(bucket: string, key: string, body: string, contentType: string): Promise<void>;
  /** Server-side copy of exactly the referenced version to `destinationKey` in the same bucket. */
  copy(ref: ObjectRef, destinationKey: string): Promise<void>;
}
