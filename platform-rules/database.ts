/**
 * Database names the infrastructure and the services must agree on. Defined once here: the
 * trade-api migrations create the login, the stack's IAM policy (rds-db:connect) and the Azure
 * standby name it, and the DR tooling sets its password on the standby.
 */

/** The login the trade API connects as, on Aurora and on the Azure standby (migration 005). */
export const TRADE_API_DB_USER = "trade_api";
/** The only group the trade API's login is a member of. */
export const TRADE_API_DB_GROUP = "trade_api_writer";

/** The login the ledger digest writer connects as (migration 006): reads chain heads, inserts digests. */
export const TRADE_DIGEST_DB_USER = "trade_digest";

/** The DR monitor's login on Aurora (services/dr/migrations/fx/003): IAM auth, reads lag views only. */
export const DR_MONITOR_DB_USER = "dr_monitor";

/** The login the audit-outbox sweeper connects as (migration 007): reads and marks the outbox, nothing else. */
export const TRADE_OUTBOX_DB_USER = "trade_outbox";
