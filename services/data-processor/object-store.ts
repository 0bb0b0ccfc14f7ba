/** The S3 operations the data processor needs, behind an interface the domain can fake. */
import type { ObjectRef } from "./s3-event";

export type ReadResult =
  | { readonly kind: "read"; readonly bytes: Uint8Array }
  | { readonly kind: "too-large"; readonly size: number }
  /** The exact version is gone or was overwritten since the event (a newer event follows). */
  | { readonly kind: "gone"; readonly reason: string };

export interface ObjectStore {
  /** Reads exactly the referenced version (by version id, else by ETag), refusing more than `maxBytes`. */
  read(ref: ObjectRef, maxBytes: number): Promise<ReadResult>;
  put(bucket: string, key: string, body: string, contentType: string): Promise<void>;
  /** Server-side copy of exactly the referenced version to `destinationKey` in the same bucket. */
  copy(ref: ObjectRef, destinationKey: string): Promise<void>;
}
