/**
 * Deterministic object keys. Output keys derive only from the source identity (bucket, key and
 * version id, or ETag when unversioned) and the row date, so a redelivered event rewrites the
 * same objects with the same bytes instead of adding new ones.
 */
import { createHash } from "node:crypto";
import type { ObjectRef } from "./s3-event";

const MAX_KEY_BYTES = 1024;

/** 16 hex chars of SHA-256 over the source identity. */
export function sourceFingerprint(ref: ObjectRef): string {
  const identity = [ref.bucket, ref.key, ref.versionId ?? `etag:${ref.eTag ?? ""}`].join("\n");
  return createHash("sha256").update(identity).digest("hex").slice(0, 16);
}

/** The source file's base name reduced to safe characters, for humans browsing the bucket. */
function readableName(key: string): string {
  const base = key.slice(key.lastIndexOf("/") + 1).replace(/\.(csv|jsonl|ndjson)$/i, "");
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100);
  return safe === "" ? "file" : safe;
}

/** `<prefix>date=YYYY-MM-DD/<name>-<fingerprint>.jsonl` */
export function outputKey(prefix: string, date: string, ref: ObjectRef): string {
  return `${prefix}date=${date}/${readableName(ref.key)}-${sourceFingerprint(ref)}.jsonl`;
}

/** Where a rejected file and its reason go, next to each other under the quarantine prefix. */
export function quarantineKeys(prefix: string, ref: ObjectRef): { copy: string; reason: string } {
  const copy = `${prefix}${ref.key}`;
  // S3 keys stop at 1024 bytes; a source key near that limit gets a fingerprint name instead.
  const base =
    Buffer.byteLength(`${copy}.reason.json`) <= MAX_KEY_BYTES ? copy : `${prefix}long-keys/${sourceFingerprint(ref)}`;
  return { copy: base, reason: `${base}.reason.json` };
}
