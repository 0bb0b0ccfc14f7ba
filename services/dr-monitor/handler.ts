/**
 * Scheduled Lambda (EventBridge, every minute): measures DR replication lag and whether the
 * Azure standby is promoted, and writes one CloudWatch EMF line (Platform/DR
 * ReplicationLagSeconds, ReplicationLagBytes, StandbyPromoted) straight to stdout — not through
 * console.log, which the JSON log format would wrap, hiding the metric from CloudWatch.
 * Thin: parse the environment and the event, connect, call measureOnce, log the result. A
 * failed measurement is a successful run with metrics missing (the alarms treat that as
 * breaching) and a warning naming why.
 */
import { Client } from "pg";
import { z } from "zod";
import { withPowertools } from "../shared/lambda";
import { createObservability } from "../shared/observability";
import { measureOnce, type Connectors, type MonitorResult } from "./monitor";
import { connectionConfig, type Endpoint } from "./connection";
import { iamAuthToken } from "./iam-token";
import { fetchCredentials, type Credentials } from "./secrets";

const envSchema = z.object({
  AWS_SESSION_TOKEN: z.string().min(1, "is set by Lambda (the secrets extension needs it)"),
  AWS_REGION: z.string().min(1, "is set by Lambda (IAM auth tokens are signed for it)"),
  /** The monitor's own Aurora login (migration services/dr/migrations/fx/003), authenticated by IAM tokens. */
  PRIMARY_IAM_USER: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, "must be a PostgreSQL login such as dr_monitor (never the master user)"),
  PRIMARY_HOST: z.string().min(1, "must be the Aurora writer endpoint"),
  PRIMARY_PORT: z.coerce.number().int().min(1).max(65535).default(5432),
  PRIMARY_DATABASE: z.string().min(1, "must name the replicated database"),
  STANDBY_SECRET_ARN: z.string().startsWith("arn:", "must be the standby monitoring credentials secret ARN"),
  STANDBY_HOST: z.string().min(1, "must be the standby server's FQDN"),
  /** Optional address to connect to (e.g. its private IP) when STANDBY_HOST does not resolve from the VPC; TLS still verifies STANDBY_HOST. */
  STANDBY_HOSTADDR: z.string().optional(),
  STANDBY_PORT: z.coerce.number().int().min(1).max(65535).default(5432),
  STANDBY_DATABASE: z.string().min(1, "must name the replicated database"),
  DR_SUBSCRIPTION: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, "must be a PostgreSQL identifier such as fx_dr_sub")
    .default("fx_dr_sub"),
  MAX_LAG_SECONDS: z.coerce.number().int().positive().default(300),
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: z.coerce.number().int().optional(),
});

export type MonitorEnv = z.output<typeof envSchema>;

/** Bad deployment configuration; names every variable at fault. */
export class MonitorConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`dr-monitor is misconfigured: ${problems.join("; ")}`);
    this.name = "MonitorConfigError";
  }
}

export function parseEnv(env: NodeJS.ProcessEnv): MonitorEnv {
  const result = envSchema.safeParse(env);
  if (!result.success) throw new MonitorConfigError(result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`));
  return result.data;
}

const scheduledEvent = z.object({ "detail-type": z.literal("Scheduled Event") });

/** Signs an IAM auth token for `user` at `endpoint` (iamAuthToken in Lambda; tests pass their own). */
export type TokenSigner = (endpoint: Endpoint, user: string) => Promise<string>;

/**
 * Connectors that open a read-only session on each side: Aurora as PRIMARY_IAM_USER with an IAM
 * auth token, the standby with the credentials from its secret (cached by the secrets extension).
 */
export function lambdaConnectors(
  env: MonitorEnv,
  secret: (arn: string) => Promise<Credentials>,
  sign: TokenSigner,
): Connectors {
  const open = async (endpoint: Endpoint, credentials: () => Promise<{ user: string; password: string }>) => {
    const client = new Client(connectionConfig(endpoint, await credentials()));
    client.on("error", () => undefined);
    await client.connect();
    return client;
  };
  const primary: Endpoint = { host: env.PRIMARY_HOST, port: env.PRIMARY_PORT, database: env.PRIMARY_DATABASE };
  const standby: Endpoint = {
    host: env.STANDBY_HOST,
    hostaddr: env.STANDBY_HOSTADDR,
    port: env.STANDBY_PORT,
    database: env.STANDBY_DATABASE,
  };
  return {
    primary: () =>
      open(primary, async () => ({ user: env.PRIMARY_IAM_USER, password: await sign(primary, env.PRIMARY_IAM_USER) })),
    standby: () =>
      open(standby, async () => {
        const { username, password } = await secret(env.STANDBY_SECRET_ARN);
        return { user: username, password };
      }),
  };
}

const observability = createObservability({ serviceName: "dr-monitor" });
const { logger } = observability;

/** Wrapped once with the shared Powertools wiring (services/shared/lambda.ts). */
export const handler = withPowertools(observability, async (event: unknown): Promise<Omit<MonitorResult, "emf">> => {
  if (!scheduledEvent.safeParse(event).success)
    throw new TypeError(`expected an EventBridge "Scheduled Event"; got ${JSON.stringify(event)?.slice(0, 200)}`);
  const env = parseEnv(process.env);
  const secret = (arn: string) =>
    fetchCredentials(arn, { sessionToken: env.AWS_SESSION_TOKEN, port: env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT });
  const sign: TokenSigner = (endpoint, user) =>
    iamAuthToken({ hostname: endpoint.host, port: endpoint.port, username: user, region: env.AWS_REGION });
  const { emf, ...result } = await measureOnce(lambdaConnectors(env, secret, sign), {
    subscription: env.DR_SUBSCRIPTION,
    maxLagSeconds: env.MAX_LAG_SECONDS,
  });
  process.stdout.write(`${emf}\n`);
  if (result.problems.length > 0) logger.warn("DR measurement incomplete or above the limit", { ...result });
  else logger.info("DR measurement", { ...result });
  return result;
});
