/**
 * Starts s3rver (a local S3-compatible HTTP server on the filesystem) on a free loopback port in
 * a temp directory, with the given buckets, plus an S3Client pointed at it (path-style,
 * explicit test credentials, one attempt so failures surface immediately).
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Client } from "@aws-sdk/client-s3";

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export interface RunningS3rver {
  readonly endpoint: string;
  readonly port: number;
  client(): S3Client;
  stop(): Promise<void>;
}

export function s3ClientAt(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    maxAttempts: 1,
  });
}

export async function startS3rver(buckets: readonly string[]): Promise<RunningS3rver> {
  // s3rver ships no type declarations; the shape used is declared above.
  const S3rver = require("s3rver") as S3rverClass;
  const directory = await mkdtemp(join(tmpdir(), "s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    client: () => s3ClientAt(endpoint),
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
