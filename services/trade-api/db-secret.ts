/**
 * Database credentials from Secrets Manager through the AWS Parameters and Secrets Lambda
 * extension (a layer serving the secret on localhost), so the bundle needs no Secrets Manager
 * SDK and the secret is cached across invocations by the extension.
 */
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
  if (!res.ok) throw new Error(`secrets extension answered ${res.status} for ${secretId}; is the layer attached and the role allowed secretsmanager:GetSecretValue?`);
  const envelope = (await res.json()) as { SecretString?: unknown };
  if (typeof envelope.SecretString !== "string") throw new Error(`secret ${secretId} has no SecretString`);
  const parsed = secretSchema.safeParse(JSON.parse(envelope.SecretString));
  if (!parsed.success) throw new Error(`secret ${secretId} must be JSON with username and password (fields: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")})`);
  return parsed.data;
}
