/** Raw HTTP for tests: bytes a well-behaved client (fetch) would never send. Loopback only. */
import { connect } from "node:net";

/**
 * Sends raw bytes on a fresh connection and returns everything the server writes before closing,
 * or what it wrote so far once `timeoutMs` passes with no reply. When `busy` is given, the wait is
 * extended for as long as it answers true (the server is still working on a request), so a
 * handler that is merely slow on a saturated machine is told apart from a request left unanswered.
 */
export async function rawRequest(
  port: number,
  request: string | Buffer,
  timeoutMs = 5_000,
  busy?: () => boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let out = "";
    let timer: NodeJS.Timeout;
    const expire = () => {
      if (busy?.()) {
        timer = setTimeout(expire, Math.min(timeoutMs, 1_000));
        return;
      }
      socket.destroy();
      resolve(out);
    };
    timer = setTimeout(expire, timeoutMs);
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
