/**
 * Lambda entry point of the ledger digest writer, run every minute by an EventBridge schedule
 * (the interval digests are written at). Connects as `trade_digest` with IAM auth (reads chain
 * heads, inserts digests, nothing else), writes one digest and copies it, with any copy a
 * failed run missed, to the Object Lock bucket. Bundle `trade-api-digest`.
 *
 * Environment: DB_HOST, DB_PORT, DB_NAME, DB_IAM_USER (trade_digest), NODE_EXTRA_CA_CERTS as for
 * the API (services/trade-api/README.md), and DIGEST_BUCKET (the digest bucket's name).
 */
import { S3Client } from "@aws-sdk/client-s3";
import type { Pool } from "pg";
import { withPowertools } from "../shared/lambda";
import { createObservability } from "../shared/observability";
import { loadIamDatabaseConfig } from "./config";
import { createPool } from "./db-connection";
import { S3DigestSink } from "./s3-digest-sink";
import { runDigest } from "./store/digest-writer";

const observability = createObservability({ serviceName: "trade-api-digest" });
const { logger } = observability;

let pool: Promise<Pool> | undefined;

export interface DigestRunResult {
  readonly id: string;
  readonly hash: string;
  readonly createdAt: string;
}

/** Wrapped once with the shared Powertools wiring (services/shared/lambda.ts). */
export const handler = withPowertools(observability, async (): Promise<DigestRunResult> => {
  const bucket = process.env.DIGEST_BUCKET;
  if (!bucket) throw new Error("DIGEST_BUCKET is not set: the digest bucket's name");
  pool ??= createPool(loadIamDatabaseConfig(process.env)).catch((err: unknown) => {
    pool = undefined;
    throw err;
  });
  const digest = await runDigest(await pool, new S3DigestSink(new S3Client({}), bucket));
  logger.info("ledger digest written", { id: digest.id.toString(), hash: digest.hash, chains: digest.heads.length });
  return { id: digest.id.toString(), hash: digest.hash, createdAt: digest.createdAt };
});
