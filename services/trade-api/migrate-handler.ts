/**
 * Lambda entry point that applies the ledger migrations (idempotent) as the master user, whose
 * secret only this function may read. The stack invokes it on every deploy whose migrations
 * changed (an aws.lambda.Invocation, input `{"migrations": "<fingerprint>"}`); it can also be
 * invoked by hand with `{}`. Migration 005 creates the `trade_api` login the API connects as.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { z } from "zod";
import { withPowertools } from "../shared/lambda";
import { createObservability } from "../shared/observability";
import { loadDatabaseConfig } from "./config";
import { createPool } from "./db-connection";
import { readDbSecret } from "./db-secret";
import { migrate, migrationsFingerprint } from "./store/migrations";

const observability = createObservability({ serviceName: "trade-api-migrate" });
const { logger } = observability;

const eventSchema = z.object({
  /** migrationsFingerprint() of the source the deploy was planned from. */
  migrations: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "must be the 64-hex migrations fingerprint")
    .optional(),
});

export interface MigrateResult {
  readonly applied: string[];
  readonly fingerprint: string;
}

/** Refuses an event naming other migrations than this bundle holds: the bundle is stale. */
export function checkMigrateEvent(event: unknown, bundled: string = migrationsFingerprint()): void {
  const parsed = eventSchema.safeParse(event ?? {});
  if (!parsed.success)
    throw new Error(
      `invalid migrate event: ${parsed.error.issues.map((i) => `${i.path.join(".") || "event"} ${i.message}`).join("; ")}`,
    );
  const expected = parsed.data.migrations;
  if (expected !== undefined && expected !== bundled) {
    throw new Error(
      `this bundle holds migrations ${bundled.slice(0, 12)}…, the deploy expects ${expected.slice(0, 12)}…; run \`npm run build:lambdas\` and deploy again`,
    );
  }
}

/** Wrapped once with the shared Powertools wiring (services/shared/lambda.ts). */
export const handler = withPowertools(observability, async (event: unknown): Promise<MigrateResult> => {
  checkMigrateEvent(event);
  const pool = await createPool(loadDatabaseConfig(process.env), {
    readSecret: (id) => readDbSecret(new SecretsManagerClient({}), id),
  });
  try {
    const applied = await migrate(pool);
    const fingerprint = migrationsFingerprint();
    logger.info("migrations applied", { applied, fingerprint });
    return { applied, fingerprint };
  } finally {
    await pool.end();
  }
});
