/**
 * Credentials through the AWS Parameters and Secrets Lambda extension (a layer serving
 * Secrets Manager on localhost and caching across invocations): no Secrets Manager SDK in the
 * bundle, and a secret fetched once per cache period rather than every minute. Kept here rather
 * than shared with the trade API so the monitor's bundle stays independent of that service.
 */
import { z } from "zod";

const credentialsSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });

export type Credentials = z.infer<typeof credentialsSchema>;

export interface ExtensionOptions {
  /** The Lambda session token, which the extension requires as proof of the caller. */
  readonly sessionToken: string;
  /** Default 2773 (PARAMETERS_SECRETS_EXTENSION_HTTP_PORT). */
  readonly port?: number;
  /** Default global fetch; tests pass their own. */
  readonly fetch?: typeof fetch;
}

export async function fetchCredentials(secretId: string, options: ExtensionOptions): Promise<Credentials> {
  const url = `http://localhost:${options.port ?? 2773}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`;
  const res = await (options.fetch ?? fetch)(url, {
    headers: { "X-Aws-Parameters-Secrets-Token": options.sessionToken },
  });
  if (!res.ok)
    throw new Error(
      `secrets extension answered ${res.status} for ${secretId}; is the layer attached and the role allowed secretsmanager:GetSecretValue?`,
    );
  const envelope = (await res.json()) as { SecretString?: unknown };
  let parsed: unknown;
  try {
    parsed = typeof envelope.SecretString === "string" ? JSON.parse(envelope.SecretString) : undefined;
  } catch {
    parsed = undefined;
  }
  const result = credentialsSchema.safeParse(parsed);
  if (!result.success) throw new Error(`secret ${secretId} must be JSON with username and password`);
  return result.data;
}
