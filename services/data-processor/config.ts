/** The data processor's environment, read once per execution environment. */
import { z } from "zod";
import { parseEnv } from "../processing/env";
import type { DataProcessorSettings } from "./process-object";

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX = /^([A-Za-z0-9!_.*'()-]+\/)+$/;
export const DEFAULT_MAX_OBJECT_BYTES = 32 * 1024 * 1024;
const MAX_MAX_OBJECT_BYTES = 256 * 1024 * 1024;

const bucket = (name: string) =>
  z.string({ error: `is required (the ${name} bucket name)` }).regex(BUCKET, "must be an S3 bucket name");
const prefix = (fallback: string) =>
  z
    .string()
    .regex(PREFIX, 'must be one or more path segments each ending in "/", e.g. "quarantine/"')
    .default(fallback);

const schema = z
  .object({
    INGESTION_BUCKET: bucket("ingestion"),
    ANALYTICS_BUCKET: bucket("analytics"),
    ANALYTICS_PREFIX: prefix("market-data/"),
    QUARANTINE_PREFIX: prefix("quarantine/"),
    MAX_OBJECT_BYTES: z
      .string()
      .regex(/^[1-9][0-9]*$/, "must be a whole number of bytes")
      .transform(Number)
      .refine(
        (n) => n <= MAX_MAX_OBJECT_BYTES,
        `must be at most ${MAX_MAX_OBJECT_BYTES} (256 MiB): files stream in bounded memory, but a larger one may not finish within the function's timeout`,
      )
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.INGESTION_BUCKET === env.ANALYTICS_BUCKET) {
      ctx.addIssue({
        code: "custom",
        path: ["ANALYTICS_BUCKET"],
        message: "must differ from INGESTION_BUCKET (outputs would re-trigger the processor)",
      });
    }
  });

export function readDataConfig(env: Readonly<Record<string, string | undefined>>): DataProcessorSettings {
  const parsed = parseEnv(schema, env);
  return {
    ingestionBucket: parsed.INGESTION_BUCKET,
    analyticsBucket: parsed.ANALYTICS_BUCKET,
    outputPrefix: parsed.ANALYTICS_PREFIX,
    quarantinePrefix: parsed.QUARANTINE_PREFIX,
    maxObjectBytes: parsed.MAX_OBJECT_BYTES ?? DEFAULT_MAX_OBJECT_BYTES,
  };
}
