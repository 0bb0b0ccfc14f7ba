/** Builders for S3 notifications (keys encoded the way S3 encodes them) and sample market files. */
import type { S3Event, S3EventRecord } from "aws-lambda";

/** S3's event-key encoding: form-style, "/" kept, space as "+". */
export function encodeS3Key(key: string): string {
  return key
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, "+"))
    .join("/");
}

export interface RecordSpec {
  readonly bucket: string;
  readonly key: string;
  readonly size?: number;
  readonly eTag?: string;
  readonly versionId?: string;
  readonly eventName?: string;
}

export function s3Record(spec: RecordSpec): S3EventRecord {
  return {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: "us-east-1",
    eventTime: "2025-03-01T09:30:00.000Z",
    eventName: (spec.eventName ?? "ObjectCreated:Put") as S3EventRecord["eventName"],
    userIdentity: { principalId: "AWS:EXAMPLE" },
    requestParameters: { sourceIPAddress: "127.0.0.1" },
    responseElements: { "x-amz-request-id": "REQ", "x-amz-id-2": "ID2" },
    s3: {
      s3SchemaVersion: "1.0",
      configurationId: "ingestion",
      bucket: { name: spec.bucket, ownerIdentity: { principalId: "OWNER" }, arn: `arn:aws:s3:::${spec.bucket}` },
      object: {
        key: encodeS3Key(spec.key),
        size: spec.size ?? 0,
        eTag: spec.eTag ?? "",
        ...(spec.versionId ? { versionId: spec.versionId } : {}),
        sequencer: "0055AED6DCD90281E5",
      },
    },
  };
}

export function s3Event(...specs: RecordSpec[]): S3Event {
  return { Records: specs.map(s3Record) };
}

export const GOOD_CSV = [
  "pair,bid,ask,timestamp",
  "EUR/USD,1.08345,1.08355,2025-03-01T09:30:00.123Z",
  "GBP/USD,1.2601,1.2603,2025-03-01T23:59:59Z",
  "USD/JPY,149.85,149.87,2025-03-02T00:00:00.5Z",
  "",
].join("\n");

export const GOOD_JSONL = [
  JSON.stringify({ pair: "EUR/USD", bid: "1.08345", ask: "1.08355", timestamp: "2025-03-01T09:30:00.123Z" }),
  JSON.stringify({ pair: "USD/JPY", bid: "149.85", ask: "149.87", timestamp: "2025-03-02T00:00:00Z" }),
  "",
].join("\n");
