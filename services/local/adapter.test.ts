import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { createLocalServer, toProxyEvent } from "./adapter";
import { rawRequest } from "./testing/raw-http";

const fakeReq = (method: string, url: string, headers: Record<string, string | string[]> = {}) =>
  ({
    method,
    url,
    headers,
    socket: { remoteAddress: "127.0.0.1" },
  }) as unknown as Parameters<typeof toProxyEvent>[0];

describe("local adapter", () => {
  it("should map method, path and proxy path parameter into the event", async () => {
    const event = toProxyEvent(fakeReq("post", "/v1/orders/abc"), Buffer.alloc(0));
    assert.equal(event.httpMethod, "POST");
    assert.equal(event.path, "/v1/orders/abc");
    assert.deepEqual(event.pathParameters, { proxy: "v1/orders/abc" });
  });

  it("should map query strings, keeping repeated values in the multi-value map", async () => {
    const event = toProxyEvent(fakeReq("GET", "/x?a=1&a=2&b=3"), Buffer.alloc(0));
    assert.deepEqual(event.queryStringParameters, { a: "2", b: "3" });
    assert.deepEqual(event.multiValueQueryStringParameters, { a: ["1", "2"], b: ["3"] });
  });

  it("should give a null body for an empty request", async () => {
    assert.equal(toProxyEvent(fakeReq("GET", "/"), Buffer.alloc(0)).body, null);
  });

  it("should pass a UTF-8 body as text", async () => {
    const event = toProxyEvent(fakeReq("POST", "/"), Buffer.from('{"a":"é"}'));
    assert.deepEqual([event.body, event.isBase64Encoded], ['{"a":"é"}', false]);
  });

  it("should base64-encode a body that is not UTF-8", async () => {
    const event = toProxyEvent(fakeReq("POST", "/"), Buffer.from([0xff, 0xfe]));
    assert.deepEqual([event.body, event.isBase64Encoded], ["//4=", true]);
  });

  it("should keep the last value of a repeated header and all values in the multi-value map", async () => {
    const event = toProxyEvent(fakeReq("GET", "/", { "x-a": ["1", "2"] }), Buffer.alloc(0));
    assert.equal(event.headers["x-a"], "2");
    assert.deepEqual(event.multiValueHeaders["x-a"], ["1", "2"]);
  });

  describe("createLocalServer", () => {
    let server: Server;
    let url: string;
    let seen: APIGatewayProxyEvent | undefined;
    before(async () => {
      server = createLocalServer(
        async (event) => {
          seen = event;
          if (event.path === "/crash") throw new Error("boom");
          if (event.path === "/binary")
            return { statusCode: 200, body: Buffer.from([1, 2]).toString("base64"), isBase64Encoded: true };
          return { statusCode: 201, headers: { "x-echo": event.body ?? "" }, body: "ok" };
        },
        { maxBodyBytes: 64 },
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it("should return the handler's status, headers and body", async () => {
      const res = await fetch(`${url}/v1/orders`, { method: "POST", body: "hi" });
      assert.deepEqual([res.status, res.headers.get("x-echo"), await res.text()], [201, "hi", "ok"]);
      assert.equal(seen?.httpMethod, "POST");
    });

    it("should decode a base64 result into bytes", async () => {
      const res = await fetch(`${url}/binary`);
      assert.deepEqual([...new Uint8Array(await res.arrayBuffer())], [1, 2]);
    });

    it("should answer 413 itself for a body over its limit", async () => {
      const res = await fetch(`${url}/v1/orders`, { method: "POST", body: "x".repeat(65) });
      assert.equal(res.status, 413);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, "PAYLOAD_TOO_LARGE");
    });

    it("should answer a 500 envelope when the handler throws", async () => {
      const res = await fetch(`${url}/crash`);
      assert.equal(res.status, 500);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, "INTERNAL");
    });
  });
});

describe("createLocalServer (hostile requests)", () => {
  let server: Server;
  let port: number;
  const seen: APIGatewayProxyEvent[] = [];
  before(async () => {
    server = createLocalServer(async (event) => {
      seen.push(event);
      return { statusCode: 200, body: JSON.stringify({ path: event.path, body: event.body }) };
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  for (const target of ["//", "///", "//[", "//@", "//%", "//a:99999"]) {
    it(`should keep serving when the request target is ${JSON.stringify(target)}`, async () => {
      const reply = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.match(reply, /^HTTP\/1\.1 [2-4]\d\d /);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      assert.equal(health.status, 200);
    });
  }

  it("should route //host/path as that literal path, not as /path", async () => {
    const reply = await rawRequest(
      port,
      "GET //evil.example/v1/orders HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert.match(reply, /"path":"\/\/evil\.example\/v1\/orders"/);
  });

  it("should answer 400 with the JSON envelope for a target that is not a path", async () => {
    const reply = await rawRequest(
      port,
      "GET http://other.example/v1/orders HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert.match(reply, /^HTTP\/1\.1 400 /);
    assert.match(reply, /"code":"INVALID_REQUEST_TARGET"/);
  });
});

describe("createLocalServer (transfer codings, parser errors and slow clients)", () => {
  let server: Server;
  let port: number;
  let calls = 0;
  before(async () => {
    server = createLocalServer(
      async (event) => {
        calls += 1;
        return { statusCode: 201, body: JSON.stringify({ body: event.body }) };
      },
      { requestTimeoutMs: 500 },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const envelopeCode = (reply: string) => /"code":"([A-Z_]+)"/.exec(reply)?.[1];

  it("should refuse a body sent with Transfer-Encoding gzip, chunked without calling the handler", async () => {
    const before = calls;
    const reply = await rawRequest(
      port,
      "POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    );
    assert.match(reply, /^HTTP\/1\.1 400 /);
    assert.equal(envelopeCode(reply), "UNSUPPORTED_TRANSFER_ENCODING");
    assert.equal(calls, before);
  });

  it("should still accept a plain chunked body", async () => {
    const reply = await rawRequest(
      port,
      "POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    );
    assert.match(reply, /^HTTP\/1\.1 201 /);
    assert.match(reply, /"body":"abc"/);
  });

  it("should answer a malformed request with a 400 JSON envelope", async () => {
    const reply = await rawRequest(port, "GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n");
    assert.match(reply, /^HTTP\/1\.1 400 /);
    assert.match(reply, /content-type: application\/json/i);
    assert.equal(envelopeCode(reply), "BAD_REQUEST");
  });

  it("should answer oversized headers with a 431 JSON envelope", async () => {
    const reply = await rawRequest(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(64 * 1024)}\r\n\r\n`);
    assert.match(reply, /^HTTP\/1\.1 431 /);
    assert.equal(envelopeCode(reply), "REQUEST_HEADER_FIELDS_TOO_LARGE");
  });

  it("should close a connection whose body trickles in past the request timeout with a 408 envelope", async () => {
    const { connect } = await import("node:net");
    const started = Date.now();
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let out = "";
      socket.on("data", (c: Buffer) => (out += c.toString("latin1")));
      socket.on("close", () => resolve(out));
      socket.on("error", () => resolve(out));
      socket.write("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
      const drip = setInterval(() => (socket.writable ? socket.write(" ") : clearInterval(drip)), 100);
      socket.on("close", () => clearInterval(drip));
      setTimeout(() => socket.destroy(), 10_000);
    });
    assert.ok(Date.now() - started < 5_000, `held for ${Date.now() - started} ms`);
    assert.match(reply, /^HTTP\/1\.1 408 /);
    assert.equal(envelopeCode(reply), "REQUEST_TIMEOUT");
  });
});

describe("createLocalServer (clients that half-close)", () => {
  let server: Server;
  let port: number;
  before(async () => {
    // Like the trade API: the answer comes after real I/O, not in the same tick.
    server = createLocalServer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { statusCode: 200, body: "{}" };
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("should still answer a client that shuts its sending side right after a complete request", async () => {
    // rawRequest half-closes (socket.end) after the bytes; RFC 9112 says that does not mean
    // the client has lost interest in the response.
    const reply = await rawRequest(port, "GET /v1/orders HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert.match(reply, /^HTTP\/1\.1 200 /);
  });
});
