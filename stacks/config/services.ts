/** `platform:services`: the Lambda services, their API and messaging. */
import { MANAGED_RULE_GROUPS, REQUIRED_RULE_GROUP } from "../../components/services/web-acl";
import { z } from "zod";
import { logRetentionDays, nonNegativeInt, positiveInt } from "./common";
import { parseRateExpression } from "../../platform-rules/aws-timing";

const currencyPair = z
  .string()
  .regex(/^[A-Z]{3}\/[A-Z]{3}$/, "expected an ISO-4217 pair like EUR/USD")
  .refine((p) => p.slice(0, 3) !== p.slice(4), { message: "base and quote currency must differ" });

/** An EventBridge schedule expression; a rate as EventBridge takes it (platform-rules/aws-timing.ts). */
const eventBridgeSchedule = z
  .string()
  .regex(
    /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/,
    "expected an EventBridge schedule such as rate(1 minute) or cron(0/5 * * * ? *)",
  )
  .superRefine((e, ctx) => {
    const rate = parseRateExpression(e);
    if (rate && "problem" in rate) ctx.addIssue({ code: "custom", message: rate.problem });
  });

export const services = z.strictObject({
  reservedConcurrency: z
    .strictObject({
      tradeApi: nonNegativeInt(1000).describe("Reserved concurrency of the trade API function (0: unreserved)."),
      auditProcessor: nonNegativeInt(1000).describe("Reserved concurrency of the audit processor (0: unreserved)."),
      dataProcessor: nonNegativeInt(1000).describe("Reserved concurrency of the data processor (0: unreserved)."),
      complianceReport: nonNegativeInt(10)
        .default(1)
        .describe("Reserved concurrency of the compliance report function."),
    })
    .describe("Reserved concurrency per function; 0 means unreserved."),
  memoryMb: z
    .number()
    .int("must be a whole number")
    .min(128, "must be at least 128")
    .max(10240, "must be at most 10240")
    .default(512)
    .describe("Lambda memory in MB: 128 to 10240."),
  logRetentionDays: logRetentionDays
    .default(400)
    .describe("Days to keep Lambda and API logs in CloudWatch (PCI DSS 10.5.1: at least 365 unless archived)."),
  apiThrottle: z
    .strictObject({
      rateLimit: positiveInt(10000).default(1000).describe("API usage plan: steady requests per second."),
      burstLimit: positiveInt(5000).default(2000).describe("API usage plan: burst requests."),
    })
    .default({ rateLimit: 1000, burstLimit: 2000 })
    .describe("API Gateway usage plan throttle."),
  /** WAF rate-based rule: requests per 5 minutes per client IP. */
  wafManagedRuleGroups: z
    .array(z.enum(MANAGED_RULE_GROUPS))
    .refine((g) => g.includes(REQUIRED_RULE_GROUP), `must include ${REQUIRED_RULE_GROUP} (PCI DSS 6.4.2)`)
    .default([...MANAGED_RULE_GROUPS])
    .describe(
      "AWS managed rule groups on the API's web ACL ($1 a month each). Default all four; AWSManagedRulesCommonRuleSet is required. prod must keep all of them.",
    ),
  slo: z
    .strictObject({
      p95LatencyMs: z
        .number()
        .int()
        .min(1)
        .max(29000)
        .default(100)
        .describe(
          "API p95 latency target in ms (API Gateway Latency). Default 100: order execution under 100 ms at p95.",
        ),
      p99LatencyMs: z
        .number()
        .int()
        .min(1)
        .max(29000)
        .default(500)
        .describe("API p99 latency target in ms. Default 500; at least p95LatencyMs."),
      fiveXxPercent: z
        .number()
        .gt(0)
        .max(100)
        .default(1)
        .describe("5XX responses as a share of requests, in percent. Default 1."),
      deadLetterMaxAgeSeconds: z
        .number()
        .int()
        .min(60)
        .default(3600)
        .describe("Oldest dead-letter message that opens a ticket, in seconds. Default 3600."),
      databaseMaxConnections: z
        .number()
        .int()
        .min(1)
        .default(1000)
        .describe("Open Aurora connections that page. Default 1000."),
    })
    .refine((o) => o.p95LatencyMs <= o.p99LatencyMs, {
      message: "p95LatencyMs must be at most p99LatencyMs",
      path: ["p95LatencyMs"],
    })
    .default({
      p95LatencyMs: 100,
      p99LatencyMs: 500,
      fiveXxPercent: 1,
      deadLetterMaxAgeSeconds: 3600,
      databaseMaxConnections: 1000,
    })
    .describe("Service level objectives the alarms and the dashboard use (components/services ServiceAlarms)."),
  wafRateLimitPer5Min: z
    .number()
    .int("must be a whole number")
    .min(100, "must be at least 100 (the WAF minimum)")
    .max(2000000000, "too large")
    .default(2000)
    .describe(
      "WAF rate-based rule: requests per client IP per 5 minutes before blocking (at least 100, the WAF minimum).",
    ),
  dlqMaxReceiveCount: positiveInt(1000)
    .default(5)
    .describe("Deliveries before a message moves to the dead-letter queue: 1 to 1000."),
  ledgerDigestSchedule: eventBridgeSchedule
    .default("rate(1 minute)")
    .describe(
      "When the ledger digest writer runs: an EventBridge schedule expression. Default rate(1 minute), the shortest EventBridge allows (the digest interval proofs wait for).",
    ),
  auditOutboxSchedule: eventBridgeSchedule
    .default("rate(1 minute)")
    .describe(
      "When the audit-outbox sweeper runs (services/trade-api/outbox-handler.ts): an EventBridge schedule expression. It publishes booking audit events the API's relay left behind, older than 30 s. Default rate(1 minute), the shortest EventBridge allows.",
    ),
  allowedPairs: z
    .array(currencyPair)
    .min(1, "list at least one pair")
    .default(["EUR/USD", "GBP/USD", "USD/JPY"])
    .describe("Currency pairs the trade API accepts."),
  apiCache: z
    .enum(["off", "encrypted"], { error: () => "expected off or encrypted" })
    .default("off")
    .describe("API Gateway stage cache: off, or on with encryption."),
  apiExecutionLogLevel: z
    .enum(["INFO", "ERROR"], {
      error: () => "expected INFO or ERROR (data trace stays off: no card data or PII in logs)",
    })
    .default("ERROR")
    .describe("API Gateway execution log level: ERROR (default; prod) or INFO (dev). Data trace is always off."),
  secretsExtensionLayerArn: z
    .string()
    .regex(
      /^arn:aws:lambda:[a-z0-9-]+:\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\d+$/,
      "expected the ARM64 Parameters and Secrets extension layer version ARN, e.g. arn:aws:lambda:us-east-1:177933569100:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12",
    )
    .describe(
      'ARM64 AWS Parameters and Secrets Lambda Extension layer version the DR replication monitor reads its database secrets through; must be in the stack\'s region. (The trade API uses IAM database authentication and the migration function the Secrets Manager SDK: neither needs it.) Check the current version in the AWS docs ("Use Secrets Manager secrets in Lambda functions") when upgrading.',
    ),
  ingestionPrefix: z
    .string()
    .regex(/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*\/$/, "expected a key prefix ending with / such as incoming/")
    .default("incoming/")
    .describe("Key prefix in the ingestion bucket whose new objects the data processor handles; ends with /."),
});
