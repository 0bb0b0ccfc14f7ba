/**
 * Facts the Azure standby's infrastructure and its Function App must agree on. Defined once:
 * components/azure creates the Key Vault secret, services/trade-api reads it.
 */

/** Key Vault secret with the standby API's clients: `clientId:<sha256 hex of the key>`, comma-separated. */
export const API_KEYS_SECRET = "api-key-hashes";

/**
 * The value the api-key-hashes secret is created with, until operators copy the AWS api-keys
 * table's hashes in: ARM needs a non-empty secret value, and an empty one makes every Key Vault
 * reference to it fail ("Unable to get value"). The standby API recognises it and refuses to
 * serve with a message naming the secret to fill.
 */
export const API_KEYS_PLACEHOLDER = "unset";
