/** `platform:services`: the Lambda services, their API and messaging. */
import { z } from "zod";
import { logRetentionDays, nonNegativeInt, positiveInt } from "./common";

const currencyPair = z
  .string()
  .regex(/^[A-Z]{3}\/[A-Z]{3}$/, "expected an ISO-4217 pair like EUR/USD")
  .refine((p) => p.slice(0, 3) !== p.slice(4), { message: "base and quote currency must differ" });

export const services = z.strictObject({
  /** Reserved concurrency per function; 0 means unreserved. */
  reservedConcurrency: z
    .strictObject({
      tradeApi: nonNegativeInt(1000),
      auditProcessor: nonNegativeInt(1000),
      dataProcessor: nonNegativeInt(1000),
      complianceReport: nonNegativeInt(10).default(1),
    }),
  /** Lambda memory in MB: 128 to 10240. */
  memoryMb: z.number().int("must be a whole number").min(128, "must be at least 128").max(10240, "must be at most 10240").default(512),
  /** Days to keep Lambda and API logs in CloudWatch (PCI DSS 10.5.1: at least 365 unless archived). */
  logRetentionDays: logRetentionDays.default(400),
  /** API Gateway usage plan throttle. */
  apiThrottle: z
    .strictObject({
      rateLimit: positiveInt(10000).default(1000),
      burstLimit: positiveInt(5000).default(2000),
    })
    .default({ rateLimit: 1000, burstLimit: 2000 }),
  /** WAF rate-based rule: requests per 5 minutes per client IP. */
  wafRateLimitPer5Min: z.number().int("must be a whole number").min(100, "must be at least 100 (the WAF minimum)").max(2000000000, "too large").default(2000),
  /** Deliveries before a message moves to the dead-letter queue: 1 to 1000. */
  dlqMaxReceiveCount: positiveInt(1000).default(5),
  /** Currency pairs the trade API accepts. */
  allowedPairs: z.array(currencyPair).min(1, "list at least one pair").default(["EUR/USD", "GBP/USD", "USD/JPY"]),
  /** API Gateway stage cache: off, or on with encryption. */
  apiCache: z.enum(["off", "encrypted"], { error: () => "expected off or encrypted" }).default("off"),
  /** E-mail address subscribed to the alarm topic; optional. */
  alarmEmail: z.email("expected an e-mail address").optional(),
});
