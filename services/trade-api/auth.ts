/**
 * API-key authentication. Keys are never stored: the api-keys table holds SHA-256(key) as its
 * partition key `key_hash`, with the owning `client_id` and `status` ("ACTIVE" to be accepted).
 */
import { createHash } from "node:crypto";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { UnauthorizedError } from "../shared/errors";

export interface ApiClient {
  readonly clientId: string;
}

export interface ApiKeyStore {
  /** The client owning an active key with this hash, or undefined. */
  findByHash(keyHash: string): Promise<ApiClient | undefined>;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Keys longer than this are refused without hashing or a lookup. */
const MAX_KEY_LENGTH = 256;

/** 401 unless the x-api-key header names an active key. Never says which check failed. */
export async function authenticate(store: ApiKeyStore, apiKey: string | undefined): Promise<ApiClient> {
  if (!apiKey || apiKey.length > MAX_KEY_LENGTH) throw new UnauthorizedError();
  const client = await store.findByHash(hashApiKey(apiKey));
  if (!client) throw new UnauthorizedError();
  return client;
}

/** Item layout of the api-keys table. */
export interface ApiKeyItem {
  readonly key_hash: string;
  readonly client_id: string;
  readonly status: "ACTIVE" | "REVOKED";
}

export class DynamoApiKeyStore implements ApiKeyStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async findByHash(keyHash: string): Promise<ApiClient | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { key_hash: keyHash } }));
    if (!Item || Item.status !== "ACTIVE" || typeof Item.client_id !== "string") return undefined;
    return { clientId: Item.client_id };
  }
}

/** A fixed map of key hash → client: for the Azure standby (Key Vault-backed settings) and tests. */
export class StaticApiKeyStore implements ApiKeyStore {
  constructor(private readonly clients: ReadonlyMap<string, ApiClient>) {}

  async findByHash(keyHash: string): Promise<ApiClient | undefined> {
    return this.clients.get(keyHash);
  }
}

/**
 * Remembers accepted keys for `ttlMs` so a warm Lambda does not read DynamoDB per request.
 * Refusals are not cached, so a newly issued key works at once; a revoked key keeps working
 * for at most `ttlMs` in instances that have seen it.
 */
export class CachingApiKeyStore implements ApiKeyStore {
  private readonly cache = new Map<string, { client: ApiClient; expires: number }>();

  constructor(
    private readonly inner: ApiKeyStore,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 1000,
  ) {}

  async findByHash(keyHash: string): Promise<ApiClient | undefined> {
    const hit = this.cache.get(keyHash);
    if (hit && hit.expires > this.now()) return hit.client;
    this.cache.delete(keyHash);
    const client = await this.inner.findByHash(keyHash);
    if (client && this.ttlMs > 0) {
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      this.cache.set(keyHash, { client, expires: this.now() + this.ttlMs });
    }
    return client;
  }
}
