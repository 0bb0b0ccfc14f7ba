/**
 * A loopback HTTP proxy that forwards to a real local server (dynalite, s3rver) but answers
 * chosen requests itself with an error, so tests can see how real SDK clients react to
 * throttling or outages on some requests while the rest succeed.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface InjectedFault {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Returns a fault to answer with, or undefined to forward the request untouched. */
export type FaultRule = (request: {
  body: string;
  headers: IncomingHttpHeaders;
  url: string;
}) => InjectedFault | undefined;

export interface RunningFaultProxy {
  readonly endpoint: string;
  /** Requests answered with a fault so far. */
  readonly injected: number;
  stop(): Promise<void>;
}

/** The JSON error DynamoDB returns when a request is throttled. */
export const DYNAMODB_THROTTLED: InjectedFault = {
  status: 400,
  headers: {
    "content-type": "application/x-amz-json-1.0",
    "x-amzn-errortype": "ProvisionedThroughputExceededException",
  },
  body: JSON.stringify({
    __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
    message: "The level of configured provisioned throughput for the table was exceeded.",
  }),
};

export async function startFaultProxy(targetPort: number, rule: FaultRule): Promise<RunningFaultProxy> {
  let injected = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const fault = rule({ body: body.toString("utf8"), headers: req.headers, url: req.url ?? "/" });
      if (fault) {
        injected += 1;
        res.writeHead(fault.status, { ...fault.headers, "content-length": Buffer.byteLength(fault.body) });
        res.end(fault.body);
        return;
      }
      const upstream = request(
        { host: "127.0.0.1", port: targetPort, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => {
        res.writeHead(502);
        res.end();
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get injected() {
      return injected;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
