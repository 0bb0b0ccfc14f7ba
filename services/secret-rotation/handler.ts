/**
 * Secrets Manager rotation function for one `{ username, password }` secret of a PostgreSQL
 * login (the DR monitor's `dr_monitor` on the Azure standby). Thin: parse the environment and
 * the event (zod), refuse any secret but its own, run the step (rotation.ts) against the
 * database over verified TLS (postgres.ts), log what happened, never the values.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { z } from "zod";
import { withPowertools } from "../shared/lambda";
import { createObservability } from "../shared/observability";
import { postgresTarget, verifiedTls } from "./postgres";
import { ROTATION_STEPS, RotationError, rotateStep, type RotationDeps, type RotationEvent } from "./rotation";

const envSchema = z.object({
  SECRET_ARN: z.string().startsWith("arn:", "must be the ARN of the one secret this function rotates"),
  TARGET_HOST: z.string().min(1, "must be the database server's FQDN (its certificate's name)"),
  TARGET_HOSTADDR: z.string().optional(),
  TARGET_PORT: z.coerce.number().int().min(1).max(65535).default(5432),
  TARGET_DATABASE: z.string().min(1, "must name the database the login connects to"),
});

export type RotationEnv = z.output<typeof envSchema>;

/** Bad deployment configuration; names every variable at fault. */
export class RotationConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`secret-rotation is misconfigured: ${problems.join("; ")}`);
    this.name = "RotationConfigError";
  }
}

export function parseEnv(env: NodeJS.ProcessEnv): RotationEnv {
  const result = envSchema.safeParse(env);
  if (!result.success)
    throw new RotationConfigError(result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`));
  return result.data;
}

const eventSchema = z.object({
  SecretId: z.string().min(1),
  ClientRequestToken: z.string().min(1),
  Step: z.enum(ROTATION_STEPS),
});

/** The rotation event, or a TypeError naming what is wrong with it. */
export function parseEvent(event: unknown, env: RotationEnv): RotationEvent {
  const result = eventSchema.safeParse(event);
  if (!result.success)
    throw new TypeError(
      `expected a Secrets Manager rotation event (SecretId, ClientRequestToken, Step one of ` +
        `${ROTATION_STEPS.join(", ")}): ` +
        `${result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  if (result.data.SecretId !== env.SECRET_ARN)
    throw new RotationError(`this function rotates ${env.SECRET_ARN} only; refusing ${result.data.SecretId}`);
  return result.data;
}

const observability = createObservability({ serviceName: "secret-rotation" });
const { logger } = observability;

/** What the deployed function talks to: Secrets Manager (VPC endpoint) and the database over verified TLS. */
export function lambdaDeps(env: RotationEnv): RotationDeps {
  return {
    secrets: new SecretsManagerClient({}),
    target: postgresTarget(
      verifiedTls({
        host: env.TARGET_HOST,
        hostaddr: env.TARGET_HOSTADDR,
        port: env.TARGET_PORT,
        database: env.TARGET_DATABASE,
      }),
    ),
  };
}

/** Wrapped once with the shared Powertools wiring (services/shared/lambda.ts). */
export const handler = withPowertools(observability, async (event: unknown): Promise<void> => {
  const env = parseEnv(process.env);
  const rotation = parseEvent(event, env);
  const outcome = await rotateStep(rotation, lambdaDeps(env));
  logger.info("rotation step", { step: rotation.Step, version: rotation.ClientRequestToken, outcome });
});
