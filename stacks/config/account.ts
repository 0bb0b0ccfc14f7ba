/**
 * `aws:allowedAccountIds`, `platform:account` and `platform:dns`: which AWS account a stack may
 * touch, who owns the account-level singletons, and which existing hosted zone the API's name
 * and certificate validation live in. See README "Accounts, CI and DNS".
 */
import { z } from "zod";

const accountId = z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id");

/**
 * `aws:allowedAccountIds`: the only account(s) this stack may deploy to. The stack's AWS
 * provider refuses credentials of any other account before it changes anything. Required:
 * dev and prod are separate accounts.
 */
export const allowedAccountIds = z
  .array(accountId)
  .min(1, "list the stack's AWS account id")
  .superRefine((ids, ctx) => {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: [i], message: `${id} is listed twice` });
    });
  })
  .describe("AWS account ids this stack may deploy to; the provider refuses other credentials before any change");

/**
 * The account ids the repository's stack files ship with (dev, prod): placeholders, so the
 * offline plan and the tests run without anyone's real account. A real engine refuses them
 * (main's `accounts: "real"`): replace them per docs/accounts-and-dns.md before the first preview.
 */
export const PLACEHOLDER_ACCOUNT_IDS: readonly string[] = ["111111111111", "222222222222"];

/** One problem per placeholder in `ids`, naming the key and the fix; empty when all are real. Pure. */
export function placeholderAccountProblems(ids: readonly string[], stack: string): string[] {
  return ids.flatMap((id, i) =>
    PLACEHOLDER_ACCOUNT_IDS.includes(id)
      ? [
          `aws:allowedAccountIds[${i}]: ${id} is the repository's placeholder, not this stack's account; set the real id (pulumi config set --path 'aws:allowedAccountIds[${i}]' <account id> --stack ${stack}, docs/accounts-and-dns.md)`,
        ]
      : [],
  );
}

export const ACCOUNT_BASELINES = ["managed", "provided"] as const;
export type AccountBaseline = (typeof ACCOUNT_BASELINES)[number];

/**
 * `platform:account.baseline`: `managed` (default): this stack creates the account's
 * singletons once (AWS Config service-linked role, recorder, delivery channel, retention; API
 * Gateway's CloudWatch role setting; the multi-region trail). `provided`: a landing zone
 * (Control Tower, an org-wide baseline) already has them; the stack creates none and still
 * deploys what uses them (Config rules, log groups, API stage logging).
 */
export const account = z
  .strictObject({
    baseline: z
      .enum(ACCOUNT_BASELINES, {
        error: () => "expected managed (this stack owns the account singletons) or provided (a landing zone does)",
      })
      .default("managed")
      .describe("managed: the stack creates the account/region singletons once; provided: a landing zone owns them"),
  })
  .default({ baseline: "managed" });

/**
 * `platform:dns.hostedZoneId`: the public hosted zone of `platform:dr.dns.zoneName`, created
 * once by the DNS bootstrap (README) and delegated from its parent before the first `up`.
 * Default: looked up by that name. The stack never creates the zone, so ACM's DNS validation
 * never waits on a zone its parent does not delegate to yet.
 */
export const dns = z
  .strictObject({
    hostedZoneId: z
      .string()
      .regex(/^Z[A-Z0-9]{1,31}$/, "expected a Route 53 hosted zone id like Z0123456789ABCDEFGHIJ")
      .optional()
      .describe("Route 53 public hosted zone id of platform:dr.dns.zoneName; default: looked up by name"),
  })
  .default({});
