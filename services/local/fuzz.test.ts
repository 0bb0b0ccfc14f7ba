/**
 * Fuzzing the local HTTP adapter in front of the real trade API (embedded PostgreSQL and
 * dynalite) with raw bytes: request targets, methods, header names and values, transfer codings
 * and chunk framing as well as bodies. Whatever arrives, the server answers (or, for a request
 * cut short on purpose, closes), never with a 5xx, always in the JSON error envelope, stays up,
 * and books nothing invalid. Loopback only; a bounded number of runs.
 */
import assert from "node:assert/strict";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { containsPan } from "../shared/pan";
import { ACCOUNT_PATTERN } from "../trade-api/schemas";
import { startTradeFixture, TEST_API_KEY, type TradeFixture } from "../trade-api/testing/fixture";
import { createLocalServer } from "./adapter";
import { rawRequest, statusOf } from "./testing/raw-http";

const RUNS = 300;

const pathChars = fc.constantFrom(..."abcXYZ019/-._~%?#[]@:!$&'()*+,;=".split(""));
const targetArb = fc.oneof(
  fc.constantFrom("/health", "/v1/orders", "/v1/ledger/verify", "/v1/orders/00000000-0000-4000-8000-000000000000"),
  fc.constantFrom(
    "//",
    "///",
    "//[",
    "//@",
    "//%",
    "//a:99999",
    "//evil.example/v1/orders",
    "*",
    "http://x/v1/orders",
    "/%",
    "/%zz",
    "/v1/orders/%E0%A4%A",
  ),
  fc.string({ unit: pathChars, maxLength: 60 }).map((s) => `/${s}`),
  fc.string({ unit: pathChars, maxLength: 40 }).map((s) => `//${s}`),
  fc.integer({ min: 1000, max: 12_000 }).map((n) => `/v1/orders/${"a".repeat(n)}`),
);
const methodArb = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "FOO");
const tokenArb = fc.string({ unit: fc.constantFrom(..."abcdefXYZ-_0129".split("")), minLength: 1, maxLength: 20 });
const valueArb = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
  fc.constantFrom(TEST_API_KEY, "application/json", "application/json; charset=latin1", "4111111111111111", ""),
  fc.integer({ min: 8_000, max: 40_000 }).map((n) => "v".repeat(n)),
);
const headerArb = fc.tuple(
  fc.oneof(fc.constantFrom("content-type", "x-api-key", "idempotency-key", "content-encoding", "expect"), tokenArb),
  valueArb,
);
const orderArb = fc.record({
  account: fc.oneof(fc.constantFrom("ACC-1", "4111111111111111", "ACC 1", ""), fc.string({ maxLength: 70 })),
  pair: fc.constantFrom("EUR/USD", "USD/JPY", "XXX/YYY"),
  side: fc.constantFrom("BUY", "SELL", "HOLD"),
  type: fc.constantFrom("MARKET", "LIMIT"),
  quantity: fc.oneof(fc.constantFrom("1000.00", "0", "-1", "1e3", "1.001"), fc.string({ maxLength: 12 })),
});
const bodyArb = fc.oneof(
  orderArb.map((o) => Buffer.from(JSON.stringify(o))),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.constant(Buffer.from(`${"[".repeat(5000)}${"]".repeat(5000)}`)),
);
type Framing =
  "none" | "length" | "short-length" | "chunked" | "bad-chunk" | "gzip-chunked" | "double-chunked" | "identity";
const framingArb = fc.constantFrom<Framing>(
  "none",
  "length",
  "short-length",
  "chunked",
  "bad-chunk",
  "gzip-chunked",
  "double-chunked",
  "identity",
);

interface RawCase {
  readonly bytes: Buffer;
  /** The request stops before its declared end: closing without a reply is a fine answer. */
  readonly truncated: boolean;
  readonly method: string;
}

function build(method: string, target: string, headers: [string, string][], body: Buffer, framing: Framing): RawCase {
  const lines = [
    `${method} ${target} HTTP/1.1`,
    "Host: 127.0.0.1",
    "Connection: close",
    ...headers.map(([n, v]) => `${n}: ${v}`),
  ];
  const chunked = (b: Buffer) =>
    Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from("\r\n0\r\n\r\n")]);
  const framed: Record<Framing, { header?: string; payload: Buffer; truncated?: boolean }> = {
    none: { payload: Buffer.alloc(0) },
    length: { header: `Content-Length: ${body.length}`, payload: body },
    "short-length": { header: `Content-Length: ${body.length + 10}`, payload: body, truncated: true },
    chunked: { header: "Transfer-Encoding: chunked", payload: chunked(body) },
    "bad-chunk": { header: "Transfer-Encoding: chunked", payload: Buffer.concat([Buffer.from("zz\r\n"), body]) },
    "gzip-chunked": { header: "Transfer-Encoding: gzip, chunked", payload: chunked(body) },
    "double-chunked": { header: "Transfer-Encoding: chunked, chunked", payload: chunked(body) },
    identity: { header: "Transfer-Encoding: identity", payload: body },
  };
  const { header, payload, truncated = false } = framed[framing];
  if (header) lines.push(header);
  const bytes = Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), payload]);
  // fast-check prints this for a counterexample: the head of the request, not kilobytes of it.
  const preview = () =>
    JSON.stringify(bytes.subarray(0, 300).toString("latin1")) + (bytes.length > 300 ? ` …(${bytes.length} bytes)` : "");
  return { bytes, truncated, method, [fc.toStringMethod]: preview } as RawCase;
}

const caseArb = fc
  .tuple(methodArb, targetArb, fc.array(headerArb, { maxLength: 4 }), bodyArb, framingArb)
  .map(([method, target, headers, body, framing]) => build(method, target, headers, body, framing));

describe("local adapter + trade API (raw HTTP fuzz)", () => {
  let f: TradeFixture;
  let server: Server;
  let port: number;
  // Requests the trade API is handling right now, and the slowest one so far: a reply that does
  // not come while a handler is still running is a slow machine, not a lost request.
  let inFlight = 0;
  let slowestMs = 0;
  before(async () => {
    f = await startTradeFixture();
    const tracked: typeof f.api = async (event) => {
      const started = Date.now();
      inFlight += 1;
      try {
        return await f.api(event);
      } finally {
        inFlight -= 1;
        slowestMs = Math.max(slowestMs, Date.now() - started);
      }
    };
    server = createLocalServer(tracked, { requestTimeoutMs: 2_000 });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await f.stop();
  });

  it("should answer every raw request below 500 in the JSON envelope, stay up, and book nothing invalid", async function () {
    // 300 requests against real engines; on a saturated machine single bookings can take seconds.
    this.timeout(600_000);
    const bookedAccounts: string[] = [];
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        // A complete request must be answered: 15 s with no handler running means it was lost.
        const reply = await rawRequest(port, c.bytes, 15_000, () => inFlight > 0);
        const status = statusOf(reply);
        if (status === undefined) {
          assert.ok(c.truncated || reply === "", `no status line in ${JSON.stringify(reply.slice(0, 200))}`);
          assert.ok(
            c.truncated,
            `no reply to a complete request (handlers in flight: ${inFlight}, slowest so far ${slowestMs} ms): ` +
              JSON.stringify(c.bytes.subarray(0, 200).toString("latin1")),
          );
          return;
        }
        assert.ok(
          status < 500,
          `${status} for ${JSON.stringify(c.bytes.subarray(0, 200).toString("latin1"))}\n${reply.slice(0, 400)}`,
        );
        if (status >= 400 && c.method !== "HEAD")
          assert.match(reply, /\r\n\r\n\{"error":\{"code":"[A-Z_]+"/, reply.slice(0, 400));
        if (status === 201)
          bookedAccounts.push((JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4)) as { account: string }).account);
      }),
      { numRuns: RUNS },
    );
    assert.equal((await fetch(`http://127.0.0.1:${port}/health`)).status, 200);
    const verdict = await f.store.verifyLedger();
    assert.equal(verdict.valid, true);
    assert.deepEqual(
      bookedAccounts.filter((a) => !ACCOUNT_PATTERN.test(a) || containsPan(a)),
      [],
    );
  });
});
