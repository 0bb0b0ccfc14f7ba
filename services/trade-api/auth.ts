/**
 * API-key authentication: the one check the Lambda authorizer (authorizer.ts) runs on AWS and
 * the trade API runs in-process where no gateway authorizer exists (local dev, Azure standby).
 * Keys are never stored: the api-keys table holds SHA-256(key) as its partition key `key_hash`,
 * with the owning `client_id`, `status` ("ACTIVE" to be accepted) and, on AWS, `usage_key`: the
 * value of the client's API Gateway usage-plan key, which identifies the client to the usage plan
 * only (the REST API reads it from the authorizer, never from the request).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { boundedAuditResource, type NewAuditEvent } from "../shared/audit-event";
import { UnauthorizedError } from "../shared/errors";
import { hasApiKeyShape } from "./api-key-strength";

/** The request header that carries the client's key. */
export const API_KEY_HEADER = "x-api-key";

export interface ApiClient {
  readonly clientId: string;
  /** The client's usage-plan API key value (AWS), for the authorizer's usageIdentifierKey. */
  readonly usageIdentifierKey?: string;
}

/** A stored row as the store found it: `keyHash` is compared again, in constant time. */
export interface StoredApiKey extends ApiClient {
  readonly keyHash: string;
}

export interface ApiKeyStore {
  /** The row of an active key with this hash, or undefined. */
  findByHash(keyHash: string): Promise<StoredApiKey | undefined>;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** Constant-time equality of two hex SHA-256 digests; false for anything that is not one. */
export function sameKeyHash(a: string, b: string): boolean {
  if (!HASH_PATTERN.test(a) || !HASH_PATTERN.test(b)) return false;
  return timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));
}

/**
 * 401 unless `apiKey` is an active key. Keys without the issued shape (api-key-strength.ts) are
 * refused before hashing or a lookup: none can be in the table. The stored hash is compared with
 * the presented key's in constant time, so neither the store's lookup nor a loosely matching
 * store decides alone. Never says which check failed.
 */
export async function authenticate(store: ApiKeyStore, apiKey: string | undefined): Promise<ApiClient> {
  if (typeof apiKey !== "string" || !hasApiKeyShape(apiKey)) throw new UnauthorizedError();
  const keyHash = hashApiKey(apiKey);
  const row = await store.findByHash(keyHash);
  if (!row || !sameKeyHash(row.keyHash, keyHash)) throw new UnauthorizedError();
  return row.usageIdentifierKey === undefined
    ? { clientId: row.clientId }
    : { clientId: row.clientId, usageIdentifierKey: row.usageIdentifierKey };
}

/**
 * The audit event of a refused key (PCI DSS 10.2.1.4), from the authorizer and the in-process
 * check alike. The path is the caller's: bounded (with its length and hash when cut) so the
 * denial always validates.
 */
export function apiKeyDenial(method: string, path: string, sourceIp: string): NewAuditEvent {
  const { resource, cut } = boundedAuditResource(`${method} ${path}`);
  return {
    source: "fx.trade-api",
    actor: "anonymous",
    action: "auth.api-key",
    resource,
    outcome: "DENIED",
    data: { sourceIp, ...cut },
  };
}

/** Item layout of the api-keys table. */
export interface ApiKeyItem {
  readonly key_hash: string;
  readonly client_id: string;
  readonly status: "ACTIVE" | "REVOKED";
  /** The client's API Gateway usage-plan key value (not a credential: the API reads keys from the authorizer). */
  readonly usage_key?: string;
}

export class DynamoApiKeyStore implements ApiKeyStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async findByHash(keyHash: string): Promise<StoredApiKey | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { key_hash: keyHash } }));
    if (!Item || Item.status !== "ACTIVE" || typeof Item.client_id !== "string" || typeof Item.key_hash !== "string")
      return undefined;
    const usage = typeof Item.usage_key === "string" && Item.usage_key !== "" ? Item.usage_key : undefined;
    return { keyHash: Item.key_hash, clientId: Item.client_id, ...(usage ? { usageIdentifierKey: usage } : {}) };
  }
}

/** A fixed map of key hash → client: for the Azure standby (Key Vault-backed settings) and tests. */
export class StaticApiKeyStore implements ApiKeyStore {
  constructor(private readonly clients: ReadonlyMap<string, ApiClient>) {}

  async findByHash(keyHash: string): Promise<StoredApiKey | undefined> {
    const client = this.clients.get(keyHash);
    return client ? { ...client, keyHash } : undefined;
  }
}

/**
 * Remembers accepted keys for `ttlMs` so a warm Lambda does not read DynamoDB per request.
 * Refusals are not cached, so a newly issued key works at once; a revoked key keeps working
 * for at most `ttlMs` in instances that have seen it.
 */
export class CachingApiKeyStore implements ApiKeyStore {
  private readonly cache = new Map<string, { client: StoredApiKey; expires: number }>();

  constructor(
    private readonly inner: ApiKeyStore,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 1000,
  ) {}

  async findByHash(keyHash: string): Promise<StoredApiKey | undefined> {
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
