/**
 * The trade API's Lambda REQUEST authorizer, as a function of its dependencies (the Lambda entry
 * is authorizer-handler.ts). API Gateway calls it with the request's `x-api-key` header (the
 * authorizer's identity source, which is also its cache key) and caches the answer for the
 * authorizer's TTL, so the policy it returns must hold for every method of the stage: a cached
 * Allow is reused for the next route the same key calls.
 *
 * Allowed: an IAM policy for `<api>/<stage>/*\/*`, the client id in `context.clientId` (context
 * values reach the integration as strings) and the client's usage-plan key as
 * `usageIdentifierKey` (the API's apiKeySource is AUTHORIZER, so clients never send or hold an
 * API Gateway key). Refused: the exact error "Unauthorized", which API Gateway answers with 401,
 * after the denial is published to the audit topic (PCI DSS 10.2.1.4).
 */
import type { APIGatewayAuthorizerResult } from "aws-lambda";
import { z } from "zod";
import { newAuditEvent, type AuditPublisher } from "../shared/audit-event";
import { AppError } from "../shared/errors";
import type { Logger } from "@aws-lambda-powertools/logger";
import { API_KEY_HEADER, apiKeyDenial, authenticate, type ApiClient, type ApiKeyStore } from "./auth";

/** The error text API Gateway maps to 401 (any other error is a 500 to the client). */
export const UNAUTHORIZED = "Unauthorized";

/** The REST API's execute-api ARN of a method: `arn:<partition>:execute-api:<region>:<account>:<api>/<stage>/<verb>/<path>`. */
const METHOD_ARN = /^(arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\d{12}:[a-z0-9]+\/[A-Za-z0-9_-]+)\/[A-Z*]+\/.*$/;

/** The parts of a REST API REQUEST authorizer event this authorizer reads; everything else is ignored. */
export const authorizerEventSchema = z.object({
  type: z.literal("REQUEST"),
  methodArn: z.string().max(1600).regex(METHOD_ARN, "must be an execute-api method ARN"),
  httpMethod: z.string().max(16).optional(),
  path: z.string().optional(),
  headers: z.record(z.string(), z.string().optional()).nullish(),
  requestContext: z.object({ identity: z.object({ sourceIp: z.string().max(64).optional() }).optional() }).optional(),
});
export type AuthorizerEvent = z.infer<typeof authorizerEventSchema>;

/** The event is not what API Gateway sends a REQUEST authorizer: a wiring fault, refused as a denial. */
export class AuthorizerEventError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`not a REST API REQUEST authorizer event: ${issues.join("; ")}`);
    this.name = "AuthorizerEventError";
  }
}

export function parseAuthorizerEvent(event: unknown): AuthorizerEvent {
  const parsed = authorizerEventSchema.safeParse(event);
  if (!parsed.success)
    throw new AuthorizerEventError(parsed.error.issues.map((i) => `${i.path.join(".") || "event"}: ${i.message}`));
  return parsed.data;
}

/** Header lookup by lower-cased name, as API Gateway preserves the client's casing. */
function header(event: AuthorizerEvent, name: string): string | undefined {
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** `<api>/<stage>/*\/*` of the method's ARN: the one resource every cached answer must cover. */
export function stageWideResource(methodArn: string): string {
  const match = METHOD_ARN.exec(methodArn);
  if (!match?.[1]) throw new AuthorizerEventError([`methodArn: must be an execute-api method ARN`]);
  return `${match[1]}/*/*`;
}

/** The authorizer's answer for an authenticated client. */
export function allowPolicy(client: ApiClient, methodArn: string): APIGatewayAuthorizerResult {
  return {
    principalId: client.clientId,
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: stageWideResource(methodArn) }],
    },
    context: { clientId: client.clientId },
    ...(client.usageIdentifierKey !== undefined ? { usageIdentifierKey: client.usageIdentifierKey } : {}),
  };
}

export interface AuthorizerDeps {
  readonly store: ApiKeyStore;
  readonly audit: AuditPublisher;
  readonly logger: Logger;
  /** Default: the system clock. */
  readonly clock?: () => Date;
}

export type Authorizer = (event: unknown) => Promise<APIGatewayAuthorizerResult>;

export function createAuthorizer(deps: AuthorizerDeps): Authorizer {
  const clock = deps.clock ?? (() => new Date());

  async function recordDenial(event: AuthorizerEvent | undefined): Promise<void> {
    const denial = apiKeyDenial(
      event?.httpMethod ?? "?",
      event?.path ?? "?",
      event?.requestContext?.identity?.sourceIp ?? "unknown",
    );
    try {
      await deps.audit.publish(newAuditEvent(denial, clock()));
    } catch (err) {
      // The access log still records the 401; the alarm on this log line says the trail has a gap.
      deps.logger.error("audit event not published", { action: denial.action, error: err as Error });
    }
  }

  return async (raw) => {
    let event: AuthorizerEvent | undefined;
    try {
      event = parseAuthorizerEvent(raw);
      const client = await authenticate(deps.store, header(event, API_KEY_HEADER));
      if (client.usageIdentifierKey === undefined)
        // API Gateway then answers 403 (the methods require a usage-plan key): say why here.
        deps.logger.warn("client has no usage_key in the api-keys table; its requests are refused with 403", {
          clientId: client.clientId,
        });
      return allowPolicy(client, event.methodArn);
    } catch (err) {
      if (err instanceof AuthorizerEventError) deps.logger.error("authorizer event refused", { error: err });
      else if (!(err instanceof AppError)) throw err; // the store failed: a 500, retried by the client
      await recordDenial(event);
      throw new Error(UNAUTHORIZED, { cause: err });
    }
  };
}

/** The client id the authorizer put into a REST proxy event's requestContext.authorizer. */
export const authorizerContextSchema = z.object({ clientId: z.string().min(1).max(128) });
