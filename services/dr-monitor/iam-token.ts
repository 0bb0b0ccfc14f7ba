/**
 * The monitor's Aurora password: an RDS IAM auth token for its own login (dr_monitor), signed
 * locally from the function role's credentials with @aws-sdk/rds-signer (SigV4, no AWS call).
 * A token is valid 15 minutes and checked only when a connection opens; the monitor opens one
 * connection per run, so it signs one token per run and never caches it. RDS requires TLS for
 * IAM authentication, which connectionConfig always sets.
 */
import { Signer, type SignerConfig } from "@aws-sdk/rds-signer";

export interface IamTokenOptions {
  /** The endpoint the client connects to (the writer endpoint); the token is bound to it. */
  readonly hostname: string;
  readonly port: number;
  /** The database login; the role needs rds-db:connect on its dbuser ARN. */
  readonly username: string;
  readonly region: string;
  /** Default: the SDK's provider chain (in Lambda, the role's credentials from the environment). */
  readonly credentials?: SignerConfig["credentials"];
}

export async function iamAuthToken(options: IamTokenOptions): Promise<string> {
  return new Signer({
    hostname: options.hostname,
    port: options.port,
    username: options.username,
    region: options.region,
    credentials: options.credentials,
  }).getAuthToken();
}
