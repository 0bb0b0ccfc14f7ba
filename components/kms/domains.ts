/** The data domains with their own customer-managed key (the contract in stacks/compose). */
/** Kept equal to `KeyDomain` in stacks/compose/contracts.ts; stacks/compose/core.ts fails to type-check if they drift. */
export type KeyDomain = "database" | "storage" | "dynamodb" | "lambda" | "logs" | "messaging" | "secrets" | "backup";

export const KEY_DOMAINS: readonly KeyDomain[] = [
  "database",
  "storage",
  "dynamodb",
  "lambda",
  "logs",
  "messaging",
  "secrets",
  "backup",
];

/** What each key protects; becomes the key's description. */
export const DOMAIN_DESCRIPTIONS: Readonly<Record<KeyDomain, string>> = {
  database: "Aurora PostgreSQL storage, snapshots and Performance Insights",
  storage: "S3 data and audit buckets, CloudTrail and AWS Config delivery",
  dynamodb: "DynamoDB tables and their streams",
  lambda: "Lambda environment variables",
  logs: "CloudWatch Logs log groups (application, flow and database logs)",
  messaging: "SNS topics and SQS queues",
  secrets: "Secrets Manager secrets, including the RDS-managed master password",
  backup: "AWS Backup vaults and recovery points",
};
