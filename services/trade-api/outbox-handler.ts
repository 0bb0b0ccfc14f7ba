/**
 * Lambda entry point of the audit-outbox sweeper, run every minute by an EventBridge schedule:
 * publishes to SNS the booking audit events the API's relay did not (a crash or a failed publish
 * after the booking committed), marks them published and purges old published rows
 * (store/outbox.ts). Connects as `trade_outbox` with IAM auth (the outbox table only). Bundle
 * `trade-api-outbox`.
 *
 * Environment: DB_HOST, DB_PORT, DB_NAME, DB_IAM_USER (trade_outbox), NODE_EXTRA_CA_CERTS as for
 * the API (services/trade-api/README.md), and AUDIT_TOPIC_ARN (the audit topic).
 */
import { SNSClient } from "@aws-sdk/client-sns";
import type { Pool } from "pg";
import { withPowertools } from "../shared/lambda";
import { createObservability } from "../shared/observability";
import { SnsAuditPublisher } from "./audit";
import { loadIamDatabaseConfig } from "./config";
import { createPool } from "./db-connection";
import { sweepOutbox, type SweepResult } from "./store/outbox";

const observability = createObservability({ serviceName: "trade-api-outbox" });
const { logger } = observability;

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/;

let pool: Promise<Pool> | undefined;

/** Wrapped once with the shared Powertools wiring (services/shared/lambda.ts). */
export const handler = withPowertools(observability, async (): Promise<SweepResult> => {
  const topic = process.env.AUDIT_TOPIC_ARN ?? "";
  if (!TOPIC_ARN.test(topic)) throw new Error(`AUDIT_TOPIC_ARN must be an SNS topic ARN (got "${topic}")`);
  pool ??= createPool(loadIamDatabaseConfig(process.env)).catch((err: unknown) => {
    pool = undefined;
    throw err;
  });
  const result = await sweepOutbox(await pool, new SnsAuditPublisher(new SNSClient({}), topic));
  if (result.published > 0 || result.failed > 0)
    logger.warn("audit events published by the outbox sweeper", { ...result });
  // A failed run is a Lambda error: the function's error alarm pages, the events stay for the next run.
  if (result.failed > 0)
    throw new Error(`${result.failed} audit event(s) could not be published; they stay in the outbox`);
  return result;
});
