/**
 * Administration of the api-keys table: creating it (dev server, tests) and issuing keys.
 * Production tables are created by the infrastructure; this mirrors their key schema.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { assertStrongApiKey } from "./api-key-strength";
import { hashApiKey, type ApiKeyItem } from "./auth";

/**
 * Waits until the table is ACTIVE: a new table is CREATING for a while (in DynamoDB and, for
 * one tick, in dynalite), and writes to it fail with ResourceNotFoundException until then.
 */
async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === "ACTIVE") return;
    if (Date.now() > deadline)
      throw new Error(`table ${tableName} is still ${Table?.TableStatus} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Creates the table (partition key `key_hash`, on-demand) unless it already exists; returns once it is ACTIVE. */
export async function ensureApiKeysTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    await waitUntilActive(client, tableName);
    return;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: "key_hash", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "key_hash", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  await waitUntilActive(client, tableName);
}

export interface PutApiKeyOptions {
  /** Default ACTIVE. */
  readonly status?: ApiKeyItem["status"];
  /** The client's API Gateway usage-plan key value (AWS); the authorizer returns it as usageIdentifierKey. */
  readonly usageKey?: string;
}

/**
 * Stores SHA-256(apiKey) for a client; the key itself is never written. Throws WeakApiKeyError
 * (before writing anything) for a key that is short, malformed or low in entropy.
 */
export async function putApiKey(
  client: DynamoDBClient,
  tableName: string,
  apiKey: string,
  clientId: string,
  options: PutApiKeyOptions = {},
): Promise<void> {
  assertStrongApiKey(apiKey);
  const item: ApiKeyItem = {
    key_hash: hashApiKey(apiKey),
    client_id: clientId,
    status: options.status ?? "ACTIVE",
    ...(options.usageKey !== undefined ? { usage_key: options.usageKey } : {}),
  };
  await DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName: tableName, Item: item }));
}
