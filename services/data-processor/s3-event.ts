/**
 * S3 event notifications → the objects to process. Keys in S3 events are URL-encoded the form
 * way (space as "+", everything else %XX), so they are decoded before use. Records that are not
 * ObjectCreated on the ingestion bucket are rejected with a reason, never silently ignored.
 */
import { z } from "zod";
import { InvalidInputError } from "../processing/errors";

/** One exact version of one source object. */
export interface ObjectRef {
  readonly bucket: string;
  readonly key: string;
  /** Present when the bucket is versioned. */
  readonly versionId?: string;
  /** Without quotes, as S3 events carry it. */
  readonly eTag?: string;
  /** Bytes, as reported by the event. */
  readonly size?: number;
}

export type RecordDecision =
  | { readonly action: "process"; readonly ref: ObjectRef }
  | { readonly action: "skip"; readonly ref: ObjectRef; readonly reason: string }
  | { readonly action: "reject"; readonly reason: string };

const recordSchema = z.object({
  eventSource: z.string(),
  eventName: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      eTag: z.string().optional(),
      versionId: z.string().optional(),
    }),
  }),
});

const eventSchema = z.object({ Records: z.array(z.unknown()).min(1) });

/** Decodes an S3 event key ("my+file%2B1.csv" → "my file+1.csv"). Undefined when malformed. */
export function decodeS3Key(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

export interface RoutingRules {
  /** The only bucket whose records are processed. */
  readonly ingestionBucket: string;
  /** Keys under this prefix are this processor's own quarantine copies: skipped, not re-processed. */
  readonly quarantinePrefix: string;
}

export function decideRecord(record: unknown, rules: RoutingRules): RecordDecision {
  const parsed = recordSchema.safeParse(record);
  if (!parsed.success) {
    return {
      action: "reject",
      reason: `not an S3 event record: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    };
  }
  const r = parsed.data;
  if (r.eventSource !== "aws:s3") return { action: "reject", reason: `eventSource ${r.eventSource} is not aws:s3` };
  if (!r.eventName.startsWith("ObjectCreated:"))
    return { action: "reject", reason: `eventName ${r.eventName} is not an ObjectCreated event` };
  if (r.s3.bucket.name !== rules.ingestionBucket) {
    return {
      action: "reject",
      reason: `bucket ${r.s3.bucket.name} is not the ingestion bucket ${rules.ingestionBucket}`,
    };
  }
  const key = decodeS3Key(r.s3.object.key);
  if (key === undefined) return { action: "reject", reason: `object key ${r.s3.object.key} is not valid URL encoding` };
  const { versionId, eTag, size } = r.s3.object;
  const ref: ObjectRef = {
    bucket: r.s3.bucket.name,
    key,
    ...(versionId ? { versionId } : {}),
    ...(eTag ? { eTag } : {}),
    ...(size !== undefined ? { size } : {}),
  };
  if (key.startsWith(rules.quarantinePrefix))
    return { action: "skip", ref, reason: `key is under the quarantine prefix ${rules.quarantinePrefix}` };
  return { action: "process", ref };
}

/** The Records of an S3 notification; throws InvalidInputError for anything else. */
export function recordsOf(event: unknown): readonly unknown[] {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success)
    throw new InvalidInputError(
      "not-an-s3-event",
      "event is not an S3 notification: expected a non-empty Records array",
    );
  return parsed.data.Records;
}
