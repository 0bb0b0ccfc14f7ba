/**
 * Azure Functions (v4 programming model) ⇄ API Gateway REST proxy shapes, so the Azure DR
 * standby runs the very same handler and domain code as Lambda.
 */
import { randomUUID } from "node:crypto";
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { encodeEventBody } from "./http";

/** Bodies above this are refused before conversion (the handler's own limit is far lower). */
export const AZURE_MAX_BODY_BYTES = 1024 * 1024;

export interface AzureEventOptions {
  /**
   * The host's HTTP route prefix, stripped from paths. Default "": the standby's host.json sets
   * `extensions.http.routePrefix` to "" so that paths are the same as on API Gateway.
   */
  readonly routePrefix?: string;
}

/** Converts an Azure HttpRequest into the event API Gateway would have sent. */
export async function toProxyEventFromAzure(
  request: HttpRequest,
  options: AzureEventOptions = {},
): Promise<APIGatewayProxyEvent> {
  const url = new URL(request.url);
  const prefix = (options.routePrefix ?? "").replace(/\/+$/, "");
  let path = url.pathname;
  if (prefix && (path === prefix || path.startsWith(`${prefix}/`))) path = path.slice(prefix.length) || "/";

  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
    multiValueHeaders[name] = value.split(/,\s*/);
  });
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  request.query.forEach((value, name) => {
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  });
  const hasQuery = Object.keys(query).length > 0;
  const bytes = new Uint8Array(await request.arrayBuffer());
  const method = request.method.toUpperCase();
  const sourceIp = (request.headers.get("x-forwarded-for") ?? "").split(",")[0]?.trim() || "unknown";
  return {
    httpMethod: method,
    path,
    resource: "/{proxy+}",
    pathParameters: path === "/" ? null : { proxy: path.slice(1) },
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    stageVariables: null,
    ...encodeEventBody(bytes),
    requestContext: {
      requestId: request.headers.get("x-ms-request-id") ?? randomUUID(),
      stage: "azure",
      httpMethod: method,
      path,
      resourcePath: "/{proxy+}",
      identity: { sourceIp },
    } as APIGatewayProxyEvent["requestContext"],
  };
}

/** Converts the handler's result into an Azure HttpResponseInit. */
export function toAzureResponse(result: APIGatewayProxyResult): HttpResponseInit {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
    headers[name] = values.map(String).join(", ");
  return {
    status: result.statusCode,
    headers,
    body: result.isBase64Encoded ? Buffer.from(result.body, "base64") : result.body,
  };
}
