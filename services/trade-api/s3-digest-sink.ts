/**
 * Copies ledger digests to the digest bucket (S3 Object Lock, compliance mode; the bucket's
 * default retention locks every version). One object per digest, `<prefix><id, 20 digits>.json`,
 * never overwritten. Object Lock requires an integrity checksum on every PUT (Content-MD5 or
 * an x-amz-checksum-*), so the SHA-256 checksum is always sent.
 */
import { HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { digestDocument, type DigestSink, type StoredDigest } from "./store/digest-writer";

export const DIGEST_PREFIX = "ledger-digests/";

export const digestKey = (id: bigint, prefix = DIGEST_PREFIX) => `${prefix}${id.toString().padStart(20, "0")}.json`;

export class S3DigestSink implements DigestSink {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix = DIGEST_PREFIX,
  ) {}

  async has(id: bigint): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: digestKey(id, this.prefix) }));
      return true;
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (err as Error).name === "NotFound") return false;
      throw err;
    }
  }

  async put(digest: StoredDigest): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: digestKey(digest.id, this.prefix),
        Body: `${JSON.stringify(digestDocument(digest))}\n`,
        ContentType: "application/json",
        ChecksumAlgorithm: "SHA256",
      }),
    );
  }
}
