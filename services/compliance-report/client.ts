/**
 * The AWS Config client the CLI uses: adaptive retries for throttling, and a credential chain
 * that never reaches for the network to find credentials.
 *
 * The SDK's default chain ends with the ECS container endpoint and EC2 instance metadata
 * (IMDS); on a laptop or in a test with no credentials that means HTTP calls to 169.254.169.254
 * and a long wait before a vague error. The CLI instead looks only where a person or CI
 * puts credentials: environment variables, an SSO session, the shared config/credentials
 * files (static keys, assumed roles, credential_process) and a web-identity token file.
 * To run it on EC2/ECS, export credentials or use a profile (`credential_source` in
 * ~/.aws/config). The scheduled Lambda uses the SDK default: Lambda supplies env credentials.
 */
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { fromEnv } from "@aws-sdk/credential-provider-env";
import { fromIni } from "@aws-sdk/credential-provider-ini";
import { fromProcess } from "@aws-sdk/credential-provider-process";
import { fromSSO } from "@aws-sdk/credential-provider-sso";
import { fromTokenFile } from "@aws-sdk/credential-provider-web-identity";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";

/** No provider in the chain had credentials. */
export class NoCredentialsError extends Error {
  constructor(readonly tried: readonly string[]) {
    super(`no AWS credentials found (looked in: ${tried.join(", ")})`);
    this.name = "NoCredentialsError";
  }
}

type Link = readonly [label: string, provider: () => Promise<AwsCredentialIdentity>];

/** env → SSO → shared files → credential_process → web identity; first with credentials wins. */
export function localCredentialChain(profile?: string): AwsCredentialIdentityProvider {
  const links: Link[] = [
    ["environment variables", () => fromEnv()()],
    ["SSO session", () => fromSSO({ profile })()],
    ["~/.aws/config and ~/.aws/credentials", () => fromIni({ profile })()],
    ["credential_process", () => fromProcess({ profile })()],
    ["web identity token file", () => fromTokenFile()()],
  ];
  let cached: Promise<AwsCredentialIdentity> | undefined;
  const resolve = async (): Promise<AwsCredentialIdentity> => {
    for (const [, provider] of links) {
      try {
        return await provider();
      } catch (error) {
        // Providers say "not here, try the next" with tryNextLink; anything else is real (e.g. an expired SSO token).
        if ((error as { tryNextLink?: boolean }).tryNextLink === false) throw error;
      }
    }
    throw new NoCredentialsError(links.map(([label]) => label));
  };
  return async () => {
    const current = cached ? await cached.catch(() => undefined) : undefined;
    if (current && (!current.expiration || current.expiration.getTime() - Date.now() > 5 * 60_000)) return current;
    cached = resolve();
    return cached;
  };
}

export interface ConfigClientOptions {
  readonly region: string;
  /** Override endpoint, e.g. http://127.0.0.1:4566 for a local stand-in. */
  readonly endpoint?: string;
  readonly credentials?: AwsCredentialIdentityProvider;
  /** Attempts per request including the first; throttling backs off adaptively. Default 8. */
  readonly maxAttempts?: number;
  /** Per attempt: connecting may take this long (default 5 000 ms), an answer 4 × this. */
  readonly connectionTimeoutMs?: number;
}

/** An endpoint that accepts the connection but never answers is given up after this per attempt. */
export const REQUEST_TIMEOUT_MS = 20_000;

export function createConfigClient(options: ConfigClientOptions): ConfigServiceClient {
  return new ConfigServiceClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials ?? localCredentialChain(process.env.AWS_PROFILE),
    retryMode: "adaptive",
    maxAttempts: options.maxAttempts ?? 8,
    // The SDK's default is no timeout at all: a silent endpoint would hang the report forever.
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 5_000,
      requestTimeout: Math.max(REQUEST_TIMEOUT_MS, 4 * (options.connectionTimeoutMs ?? 5_000)),
    },
  });
}
