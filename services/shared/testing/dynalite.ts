/**
 * Starts dynalite (a real DynamoDB API implementation on LevelDB) on a free loopback port, for
 * tests, the dev server and benchmarks. In memory unless `path` is given.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";

export interface StartDynaliteOptions {
  /** LevelDB directory to keep tables between runs. Default: in memory. */
  readonly path?: string;
  /** Fixed port. Default: a free loopback port. */
  readonly port?: number;
}

export interface RunningDynalite {
  readonly endpoint: string;
  readonly port: number;
  /** A client with explicit test credentials and region, pointed at this server only. */
  client(): DynamoDBClient;
  stop(): Promise<void>;
}

export async function startDynalite(options: StartDynaliteOptions = {}): Promise<RunningDynalite> {
  // dynalite ships no type declarations; its factory returns a plain http.Server.
  const dynalite = require("dynalite") as (opts: Record<string, unknown>) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.path });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    client: () =>
      new DynamoDBClient({
        endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      }),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections?.();
      }),
  };
}
