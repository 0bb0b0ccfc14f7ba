/**
 * Scheduled Lambda (EventBridge, daily): writes the PCI DSS compliance report to the audit
 * bucket. Thin: validate the environment and the event, call publishReport, log the result.
 * A non-compliant account is a successful run (the report says so); only failures to produce
 * the report throw, so Lambda's error metric and alarm mean "no report today".
 */
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { S3Client } from "@aws-sdk/client-s3";
import { z } from "zod";
import { withPowertools } from "../shared/lambda";
import { createObservability } from "../shared/observability";
import { publishReport, type PublishResult } from "./publish";

const envSchema = z.object({
  AWS_REGION: z.string().min(1, "is set by Lambda"),
  REPORT_BUCKET: z.string().min(3, "must name the audit bucket"),
  REPORT_KMS_KEY_ARN: z.string().startsWith("arn:", "must be the storage key ARN"),
  REPORT_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]+$/, "must be a single lowercase path segment, e.g. compliance-reports")
    .default("compliance-reports"),
  RULES_PREFIX: z.string().optional(),
});

export type ReportEnv = z.output<typeof envSchema>;

/** Bad deployment configuration; names every variable at fault. */
export class ReportConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`compliance report function is misconfigured: ${problems.join("; ")}`);
    this.name = "ReportConfigError";
  }
}

export function parseEnv(env: NodeJS.ProcessEnv): ReportEnv {
  const result = envSchema.safeParse(env);
  if (!result.success) throw new ReportConfigError(result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`));
  return result.data;
}

/** EventBridge scheduled events; anything else is refused rather than guessed at. */
const scheduledEvent = z.object({ "detail-type": z.literal("Scheduled Event"), time: z.iso.datetime().optional() });

const observability = createObservability({ serviceName: "compliance-report" });
const { logger } = observability;
let clients: { config: ConfigServiceClient; s3: S3Client; env: ReportEnv } | undefined;

function init(): NonNullable<typeof clients> {
  if (!clients) {
    const env = parseEnv(process.env);
    clients = {
      env,
      config: new ConfigServiceClient({ region: env.AWS_REGION, retryMode: "adaptive", maxAttempts: 8 }),
      s3: new S3Client({ region: env.AWS_REGION }),
    };
  }
  return clients;
}

/** Wrapped once with the shared Powertools wiring (services/shared/lambda.ts). */
export const handler = withPowertools(observability, async (event: unknown): Promise<PublishResult> => {
  const parsed = scheduledEvent.safeParse(event);
  if (!parsed.success)
    throw new TypeError(`expected an EventBridge "Scheduled Event"; got ${JSON.stringify(event)?.slice(0, 200)}`);
  const { config, s3, env } = init();
  const result = await publishReport({
    config,
    s3,
    bucket: env.REPORT_BUCKET,
    kmsKeyArn: env.REPORT_KMS_KEY_ARN,
    keyPrefix: env.REPORT_PREFIX,
    region: env.AWS_REGION,
    rulesPrefix: env.RULES_PREFIX,
    now: parsed.data.time ? new Date(parsed.data.time) : new Date(),
  });
  logger.info("compliance report written", { ...result });
  return result;
});
