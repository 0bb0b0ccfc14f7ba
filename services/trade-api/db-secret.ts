/**
 * Database credentials from Secrets Manager, for the functions that hold a secret: the
 * migration function reads the master user's secret with the SDK (`readDbSecret`; once per
 * deploy, so no cache is needed); `fetchDbSecret` reads through the AWS Parameters and Secrets
 * Lambda extension (a layer serving the secret on localhost, cached across invocations) for a
 * function that attaches that layer. The trade API holds no secret: it uses IAM auth tokens.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { z } from "zod";

const secretSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  host: z.string().min(1).optional(),
  port: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  dbname: z.string().min(1).optional(),
});

export type DbSecret = z.infer<typeof secretSchema>;

export interface SecretFetchOptions {
  /** Default 2773, or PARAMETERS_SECRETS_EXTENSION_HTTP_PORT. */
  readonly port?: number;
  /** The Lambda session token, which the extension requires as proof of the caller. */
  readonly sessionToken: string;
}

export async function fetchDbSecret(secretId: string, options: SecretFetchOptions): Promise<DbSecret> {
  const url = `http://localhost:${options.port ?? 2773}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`;
  const res = await fetch(url, { headers: { "X-Aws-Parameters-Secrets-Token": options.sessionToken } });
  if (!res.ok)
    throw new Error(
      `secrets extension answered ${res.status} for ${secretId}; is the layer attached and the role allowed secretsmanager:GetSecretValue?`,
    );
  const envelope = (await res.json()) as { SecretString?: unknown };
  return parseDbSecret(secretId, envelope.SecretString);
}

/** The secret through the Secrets Manager API (the role needs GetSecretValue and kms:Decrypt). */
export async function readDbSecret(client: SecretsManagerClient, secretId: string): Promise<DbSecret> {
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  return parseDbSecret(secretId, out.SecretString);
}

function parseDbSecret(secretId: string, secretString: unknown): DbSecret {
  if (typeof secretString !== "string") throw new Error(`secret ${secretId} has no SecretString`);
  let json: unknown;
  try {
    json = JSON.parse(secretString);
  } catch {
    throw new Error(`secret ${secretId} is not JSON; expected an RDS-managed secret with username and password`);
  }
  const parsed = secretSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `secret ${secretId} must be JSON with username and password (fields: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")})`,
    );
  return parsed.data;
}
