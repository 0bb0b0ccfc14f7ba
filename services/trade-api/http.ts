/** Request/response plumbing for API Gateway REST proxy events. */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from "../shared/errors";

export const MAX_BODY_BYTES = 16 * 1024;

/** Header lookup by lower-cased name; single-value headers win over multi-value ones. */
export function headersOf(event: Pick<APIGatewayProxyEvent, "headers" | "multiValueHeaders">): Map<string, string> {
  const headers = new Map<string, string>();
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    const last = values?.[values.length - 1];
    if (last !== undefined) headers.set(name.toLowerCase(), last);
  }
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined && value !== null) headers.set(name.toLowerCase(), value);
  }
  return headers;
}

/** The raw body bytes, decoding base64 when API Gateway says so; 413 past the limit. */
export function bodyBytes(
  event: Pick<APIGatewayProxyEvent, "body" | "isBase64Encoded">,
  maxBytes = MAX_BODY_BYTES,
): Buffer {
  const body = event.body ?? "";
  // Cheap guard before decoding: base64 never shrinks below 3/4 of its length.
  const upperBound = event.isBase64Encoded ? Math.ceil((body.length * 3) / 4) : Buffer.byteLength(body, "utf8");
  if (upperBound > maxBytes * 2) throw new PayloadTooLargeError(maxBytes);
  const bytes = event.isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8");
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(maxBytes);
  return bytes;
}

/** 415 unless the content type is application/json (UTF-8 if a charset is named). */
export function requireJson(contentType: string | undefined): void {
  const [mediaType = "", ...params] = (contentType ?? "").split(";").map((p) => p.trim().toLowerCase());
  if (mediaType !== "application/json") throw new UnsupportedMediaTypeError();
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/"/g, "");
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    throw new UnsupportedMediaTypeError("Content-Type charset must be utf-8");
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Strict UTF-8 JSON; 400 INVALID_JSON otherwise. */
export function parseJsonBody(bytes: Buffer): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    throw new ValidationError(
      "request body is not valid UTF-8 JSON",
      [{ path: "body", message: "must be a JSON object" }],
      "INVALID_JSON",
    );
  }
}

const SECURITY_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return { statusCode, headers: { ...SECURITY_HEADERS, ...headers }, body: JSON.stringify(body) };
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Raw request bytes → the event's body fields: text when UTF-8, else base64 as API Gateway does for binary. */
export function encodeEventBody(bytes: Uint8Array): { body: string | null; isBase64Encoded: boolean } {
  if (bytes.length === 0) return { body: null, isBase64Encoded: false };
  try {
    return { body: strictUtf8.decode(bytes), isBase64Encoded: false };
  } catch {
    return { body: Buffer.from(bytes).toString("base64"), isBase64Encoded: true };
  }
}
