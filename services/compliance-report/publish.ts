/**
 * The scheduled report: collect, build, and store it in the audit bucket as JSON (for tools)
 * and Markdown (for people) under `<prefix>/YYYY/MM/DD/`, encrypted with the storage key.
 */
import type { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { collectRuleFacts } from "./collect";
import { render } from "./render";
import { buildReport } from "./report";

export interface PublishInput {
  readonly config: ConfigServiceClient;
  readonly s3: S3Client;
  readonly bucket: string;
  /** The bucket's CMK; the audit bucket policy denies uploads naming any other key. */
  readonly kmsKeyArn: string;
  /** Key prefix the function may write under, e.g. `compliance-reports`. */
  readonly keyPrefix: string;
  readonly region: string;
  readonly rulesPrefix?: string;
  readonly now: Date;
}

export interface PublishResult {
  readonly keys: readonly string[];
  readonly rules: number;
  readonly nonCompliant: number;
}

/** `compliance-reports/2026/01/01/pci-dss-20260101T060000Z` for 2026-01-01T06:00:00Z. */
export function reportKeyStem(prefix: string, at: Date): string {
  const iso = at.toISOString();
  const stamp = iso.replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
  return `${prefix}/${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/pci-dss-${stamp}`;
}

export async function publishReport(input: PublishInput): Promise<PublishResult> {
  const facts = await collectRuleFacts(input.config, { rulesPrefix: input.rulesPrefix });
  const report = buildReport({
    rules: facts,
    region: input.region,
    rulesPrefix: input.rulesPrefix,
    generatedAt: input.now,
  });
  const stem = reportKeyStem(input.keyPrefix, input.now);
  const objects = [
    { key: `${stem}.json`, body: render(report, "json"), contentType: "application/json" },
    { key: `${stem}.md`, body: render(report, "md"), contentType: "text/markdown; charset=utf-8" },
  ];
  for (const o of objects) {
    await input.s3.send(
      new PutObjectCommand({
        Bucket: input.bucket,
        Key: o.key,
        Body: o.body,
        ContentType: o.contentType,
        ServerSideEncryption: "aws:kms",
        SSEKMSKeyId: input.kmsKeyArn,
        BucketKeyEnabled: true,
      }),
    );
  }
  return { keys: objects.map((o) => o.key), rules: report.summary.rules, nonCompliant: report.summary.NON_COMPLIANT };
}
