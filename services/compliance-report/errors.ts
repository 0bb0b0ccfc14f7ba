/** Turns whatever stopped the report into one line that says what to do. Never a stack trace. */
import { NoCredentialsError } from "./client";
import { REQUIRED_ACTIONS } from "./collect";

export interface Explained {
  readonly message: string;
  /** 2: the report could not be produced (credentials, permissions, flags, reachability). */
  readonly exitCode: 2;
}

const ACCESS_DENIED = new Set(["AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "AuthorizationError"]);
const BAD_CREDENTIALS = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "ExpiredToken",
  "TokenRefreshRequired",
]);
const THROTTLED = new Set(["ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded"]);
const NETWORK = new Set(["ECONNREFUSED", "ENOTFOUND", "ECONNRESET", "ETIMEDOUT", "EAI_AGAIN", "EHOSTUNREACH"]);

export function explainError(
  error: unknown,
  context: { readonly endpoint?: string; readonly region: string },
): Explained {
  const e = (error ?? {}) as { name?: string; message?: string; code?: string; $metadata?: { attempts?: number } };
  const name = e.name ?? "Error";
  const detail = (e.message ?? String(error)).split("\n")[0];
  if (error instanceof NoCredentialsError || name === "CredentialsProviderError") {
    return {
      exitCode: 2,
      message:
        "No AWS credentials found: set AWS_PROFILE or run `aws sso login` (or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).",
    };
  }
  if (ACCESS_DENIED.has(name)) {
    return {
      exitCode: 2,
      message: `Access denied by AWS Config (${detail}). The identity needs ${REQUIRED_ACTIONS.join(", ")} in ${context.region}.`,
    };
  }
  if (BAD_CREDENTIALS.has(name)) {
    return {
      exitCode: 2,
      message: `AWS rejected the credentials (${name}: ${detail}). Refresh them, e.g. \`aws sso login\`, or check AWS_PROFILE.`,
    };
  }
  if (THROTTLED.has(name)) {
    const attempts = e.$metadata?.attempts;
    return {
      exitCode: 2,
      message: `AWS Config kept throttling${attempts ? ` after ${attempts} attempts` : ""}; wait a minute and run the report again.`,
    };
  }
  const code = e.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  if (code && NETWORK.has(code)) {
    return {
      exitCode: 2,
      message: `Could not reach AWS Config${context.endpoint ? ` at ${context.endpoint}` : ` in ${context.region}`} (${code}); check --endpoint, --region and the network.`,
    };
  }
  return { exitCode: 2, message: `Could not build the report: ${name}: ${detail}` };
}
