/**
 * What a client API key looks like, how one is made and when one is too weak to register.
 *
 * A key is `<prefix>_<secret>`: a short lower-case prefix that says what the key is for (`fxk`
 * for clients, `fxlocal` for a dev data folder; secret scanners and people can recognise it) and
 * a secret of at least 32 random bytes in base64url (43 characters or more). Only SHA-256 of the
 * whole key is stored. A fast hash is enough for a 256-bit random secret: no one can enumerate
 * 2^256 candidates, so a slow password hash would only add latency to every authorization.
 */
import { randomBytes } from "node:crypto";

/** Prefix of keys issued to clients by `npm run api-key -- issue`. */
export const CLIENT_KEY_PREFIX = "fxk";
/** Random bytes in a generated key's secret. */
export const API_KEY_SECRET_BYTES = 32;
/** base64url characters of 32 bytes, unpadded. */
export const API_KEY_MIN_SECRET_CHARS = Math.ceil((API_KEY_SECRET_BYTES * 8) / 6);
/** Presented keys longer than this are refused without hashing or a lookup. */
export const API_KEY_MAX_LENGTH = 256;
/**
 * Floor for the estimated entropy of the secret (its length times the Shannon entropy of its
 * characters). 43 random base64url characters estimate at about 200 bits; a repeated or
 * two-letter pattern of the same length stays far below 128.
 */
export const API_KEY_MIN_ESTIMATED_BITS = 128;

/** `<prefix>_<secret>`: the prefix has no `_`, so the first `_` separates them. */
const KEY_SHAPE = /^([a-z][a-z0-9]{1,15})_([A-Za-z0-9_-]+)$/;

/** True when `key` has the issued shape and length: a cheap test before any hashing or lookup. */
export function hasApiKeyShape(key: string): boolean {
  if (key.length > API_KEY_MAX_LENGTH) return false;
  const match = KEY_SHAPE.exec(key);
  return match?.[2] !== undefined && match[2].length >= API_KEY_MIN_SECRET_CHARS;
}

/** Length × Shannon entropy per character: a conservative estimate for a random secret. */
export function estimatedEntropyBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / secret.length;
    perChar -= p * Math.log2(p);
  }
  return secret.length * perChar;
}

/** Why `key` may not be registered, or undefined when it is strong. Never echoes the key. */
export function apiKeyWeakness(key: string): string | undefined {
  if (key.length > API_KEY_MAX_LENGTH) return `is ${key.length} characters; at most ${API_KEY_MAX_LENGTH}`;
  const match = KEY_SHAPE.exec(key);
  if (!match?.[2])
    return "must be <prefix>_<secret>: a prefix of 2 to 16 of a-z 0-9 (starting with a letter), then base64url";
  const secret = match[2];
  if (secret.length < API_KEY_MIN_SECRET_CHARS)
    return `has a ${secret.length}-character secret; at least ${API_KEY_MIN_SECRET_CHARS} base64url characters (${API_KEY_SECRET_BYTES} random bytes) are required`;
  const bits = Math.floor(estimatedEntropyBits(secret));
  if (bits < API_KEY_MIN_ESTIMATED_BITS)
    return `has a low-entropy secret (about ${bits} bits estimated; at least ${API_KEY_MIN_ESTIMATED_BITS}): use random bytes, not a word or a pattern`;
  return undefined;
}

/** Thrown by whatever registers a key that is too weak. The message never contains the key. */
export class WeakApiKeyError extends Error {
  constructor(readonly reason: string) {
    super(`API key refused: the key ${reason}. Generate one with \`npm run api-key -- issue\`.`);
    this.name = "WeakApiKeyError";
  }
}

export function assertStrongApiKey(key: string): void {
  const weakness = apiKeyWeakness(key);
  if (weakness !== undefined) throw new WeakApiKeyError(weakness);
}

/** A new key: `<prefix>_` + 32 random bytes in base64url. Redrawn in the (negligible) case it estimates weak. */
export function generateApiKey(prefix: string = CLIENT_KEY_PREFIX): string {
  if (!/^[a-z][a-z0-9]{1,15}$/.test(prefix))
    throw new Error(`API key prefix ${JSON.stringify(prefix)} must be 2 to 16 of a-z 0-9, starting with a letter`);
  for (;;) {
    const key = `${prefix}_${randomBytes(API_KEY_SECRET_BYTES).toString("base64url")}`;
    if (apiKeyWeakness(key) === undefined) return key;
  }
}
