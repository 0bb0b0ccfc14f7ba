/**
 * Serves an API Gateway REST-proxy handler over plain HTTP: each request becomes the event API
 * Gateway would send, and the handler's result becomes the HTTP response. The dev server and
 * the benchmarks use it, so they exercise exactly the code Lambda runs.
 */
import { randomUUID } from "node:crypto";
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { encodeEventBody } from "../trade-api/http";

export type ProxyHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/** API Gateway's own payload limit is 10 MB; locally 1 MiB is plenty and bounds memory. */
export const ADAPTER_MAX_BODY_BYTES = 1024 * 1024;

/** A request target the adapter does not serve: answered 400 INVALID_REQUEST_TARGET. */
export class InvalidRequestTargetError extends Error {}

/**
 * Splits an origin-form request target ("/path?query") into path and query without `new URL`:
 * URL parsing reads "//host/path" as an authority (and throws on "//[" or "//a:99999"), so a
 * path that starts with "//" would be rerouted or crash the server. API Gateway only ever
 * sees origin-form paths; absolute-form ("http://h/p") and "*" are refused.
 */
export function splitRequestTarget(target: string): { readonly path: string; readonly search: URLSearchParams } {
  if (!target.startsWith("/")) throw new InvalidRequestTargetError("the request target must be a path starting with /");
  const hash = target.indexOf("#");
  const withoutFragment = hash === -1 ? target : target.slice(0, hash);
  const question = withoutFragment.indexOf("?");
  if (question === -1) return { path: withoutFragment, search: new URLSearchParams() };
  return { path: withoutFragment.slice(0, question), search: new URLSearchParams(withoutFragment.slice(question + 1)) };
}

/** Builds the REST proxy event for a request whose body has been read. */
export function toProxyEvent(
  req: Pick<IncomingMessage, "method" | "url" | "headers" | "socket">,
  body: Buffer,
): APIGatewayProxyEvent {
  const { path, search } = splitRequestTarget(req.url ?? "/");
  const url = { pathname: path, searchParams: search };
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    multiValueHeaders[name] = values;
    headers[name] = values[values.length - 1] ?? "";
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) {
    query[k] = v;
    (multiQuery[k] ??= []).push(v);
  }
  const hasQuery = Object.keys(query).length > 0;
  const { body: text, isBase64Encoded } = encodeEventBody(body);
  const method = (req.method ?? "GET").toUpperCase();
  return {
    httpMethod: method,
    path: url.pathname,
    resource: "/{proxy+}",
    pathParameters: url.pathname === "/" ? null : { proxy: url.pathname.slice(1) },
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    stageVariables: null,
    body: text,
    isBase64Encoded,
    requestContext: {
      requestId: randomUUID(),
      stage: "local",
      httpMethod: method,
      path: url.pathname,
      resourcePath: "/{proxy+}",
      identity: { sourceIp: req.socket?.remoteAddress ?? "127.0.0.1" },
    } as APIGatewayProxyEvent["requestContext"],
  };
}

/** Writes a handler result as an HTTP response. */
export function writeResult(res: ServerResponse, result: APIGatewayProxyResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) res.setHeader(name, values.map(String));
  res.statusCode = result.statusCode;
  res.end(result.isBase64Encoded ? Buffer.from(result.body, "base64") : result.body);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message, details: [] } });
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    connection: "close",
  });
  res.end(body);
}

export interface LocalServerOptions {
  /** Bodies above this are answered 413 by the adapter itself. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * A request (headers and body) not complete within this is answered 408 and closed, so a slow
   * client cannot hold a connection (Node's own default is 300 s). Default 30 000 ms, like API
   * Gateway's integration timeout; headers must arrive within the same time.
   */
  readonly requestTimeoutMs?: number;
  /** Told about handler crashes (the response is a 500 envelope). Default: ignore. */
  readonly onError?: (err: unknown) => void;
}

/** Node's parser errors as the statuses and codes of the API's JSON error envelope. */
function parserErrorReply(code: string | undefined): { status: number; code: string; message: string } {
  if (code === "HPE_HEADER_OVERFLOW") {
    return { status: 431, code: "REQUEST_HEADER_FIELDS_TOO_LARGE", message: "request headers are too large" };
  }
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") {
    return { status: 408, code: "REQUEST_TIMEOUT", message: "the request was not received in time" };
  }
  return { status: 400, code: "BAD_REQUEST", message: "the request is not valid HTTP/1.1" };
}

/**
 * The transfer coding of a request when it is anything but plain "chunked". Node's parser only
 * de-chunks: a body sent as "gzip, chunked" would reach the handler still compressed.
 */
function unsupportedTransferEncoding(req: IncomingMessage): string | undefined {
  const raw = req.headers["transfer-encoding"];
  if (raw === undefined) return undefined;
  const codings = raw
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "");
  return codings.length === 1 && codings[0] === "chunked" ? undefined : raw;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** An http.Server (not yet listening) that feeds every request to `handler`. */
export function createLocalServer(handler: ProxyHandler, options: LocalServerOptions = {}): Server {
  const limit = options.maxBodyBytes ?? ADAPTER_MAX_BODY_BYTES;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: requestTimeout,
      // How often Node looks for expired requests; its default (30 s) would outlast a short timeout.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(requestTimeout / 4))),
    },
    (req, res) => {
      const coding = unsupportedTransferEncoding(req);
      if (coding !== undefined) {
        // RFC 9112 §6.1 suggests 501, but the client chose the coding: a 4xx, so the 5xx alarms stay
        // for server faults (the fuzz test holds every reply below 500).
        sendError(
          res,
          400,
          "UNSUPPORTED_TRANSFER_ENCODING",
          "Transfer-Encoding must be chunked alone (or send Content-Length)",
        );
        req.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let refused = false;
      req.on("data", (chunk: Buffer) => {
        if (refused) return;
        size += chunk.length;
        if (size > limit) {
          refused = true;
          sendError(res, 413, "PAYLOAD_TOO_LARGE", `request body exceeds ${limit} bytes`);
          req.resume();
          return;
        }
        chunks.push(chunk);
      });
      req.on("end", () => {
        if (refused) return;
        let event: APIGatewayProxyEvent;
        try {
          event = toProxyEvent(req, Buffer.concat(chunks));
        } catch (err) {
          // Nothing thrown here may escape the listener: it would take the whole server down.
          if (err instanceof InvalidRequestTargetError) sendError(res, 400, "INVALID_REQUEST_TARGET", err.message);
          else {
            options.onError?.(err);
            sendError(res, 500, "INTERNAL", "internal error");
          }
          return;
        }
        handler(event)
          .then((result) => writeResult(res, result))
          .catch((err: unknown) => {
            options.onError?.(err);
            sendError(res, 500, "INTERNAL", "internal error");
          });
      });
      req.on("error", () => res.destroy());
    },
  );
  // An Expect header other than 100-continue: Node would answer a bare 417 itself.
  server.on("checkExpectation", (_req, res: ServerResponse) => {
    sendError(res, 417, "EXPECTATION_FAILED", "the only Expect this API supports is 100-continue");
  });
  // Node answers parse errors, oversized headers and timeouts itself with a bare status line;
  // clients of this API always get the JSON error envelope.
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    if (err.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const reply = parserErrorReply(err.code);
    const body = JSON.stringify({ error: { code: reply.code, message: reply.message, details: [] } });
    socket.end(
      `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ""}\r\n` +
        "content-type: application/json; charset=utf-8\r\n" +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        "connection: close\r\n\r\n" +
        body,
    );
  });
  server.keepAliveTimeout = 30_000;
  // A client may shut its sending side once its request is complete (RFC 9112: a half-closed
  // connection neither delimits a request nor means the client lost interest). By default Node's
  // server then ends the socket at once and drops the reply still being computed, so any request
  // whose handler does real I/O went unanswered. This long-standing, undocumented switch (kept in
  // nodejs/node#36819 because userland relies on it) makes Node finish the response first.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  return server;
}
