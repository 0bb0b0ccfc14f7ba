/** Raw HTTP for tests: bytes a well-behaved client (fetch) would never send. Loopback only. */
import { connect } from "node:net";

/** Sends raw bytes on a fresh connection and returns everything the server writes before closing. */
export async function rawRequest(port: number, request: string | Buffer, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let out = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(out);
    }, timeoutMs);
    socket.on("data", (chunk: Buffer) => (out += chunk.toString("latin1")));
    socket.on("error", (err) => {
      clearTimeout(timer);
      if (out) resolve(out);
      else reject(err);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(out);
    });
    socket.end(request);
  });
}

/** The status code of a raw HTTP/1.1 reply, or undefined when the server sent none. */
export function statusOf(reply: string): number | undefined {
  const match = /^HTTP\/1\.[01] (\d{3}) /.exec(reply);
  return match ? Number(match[1]) : undefined;
}
