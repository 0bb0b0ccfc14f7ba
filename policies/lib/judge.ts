/**
 * Per-resource judging for stack policies. A stack policy sees every resource at once, and the
 * analyzer turns an unknown value read anywhere in it into ONE advisory for the whole policy:
 * one unknown bucket policy during a first preview would then wave every other bucket through.
 * `judgeEach` confines an unknown to the resource being judged (an advisory on that resource)
 * and keeps judging the rest at the policy's own enforcement level.
 */
import type { ReportViolation } from "./types";

/** The analyzer's (and the offline runner's) UnknownValueError, recognised without loading either module. */
export function isUnknownValueError(e: unknown): e is Error {
  return e instanceof Error && e.constructor.name === "UnknownValueError";
}

/**
 * The offline runner's EncryptedSecretError: a `pulumi stack export` without --show-secrets holds
 * a secret input as ciphertext. The check cannot be done, which must not pass: it is reported at
 * the policy's own level (the real analyzer always sees secrets decrypted).
 */
export function isEncryptedSecretError(e: unknown): e is Error {
  return e instanceof Error && e.constructor.name === "EncryptedSecretError";
}

/**
 * A violation at a level other than the policy's: @pulumi/policy's reportViolation accepts
 * `{ message, urn, enforcementLevel }` (server.js makeReportViolationFun), though its type only
 * names the string form. The offline runner honours the same object.
 */
export function reportAdvisory(report: ReportViolation, message: string, urn: string): void {
  (report as unknown as (v: { message: string; urn: string; enforcementLevel: "advisory" }) => void)({
    message,
    urn,
    enforcementLevel: "advisory",
  });
}

export interface Judged {
  readonly urn: string;
  readonly name: string;
}

/**
 * Runs `judge` on every item; an unknown value met while judging one item becomes an advisory on
 * that item, an encrypted secret a finding at the policy's level, and anything else propagates.
 */
export function judgeEach<T extends Judged>(
  items: readonly T[],
  report: ReportViolation,
  judge: (item: T) => void,
): void {
  for (const item of items) {
    try {
      judge(item);
    } catch (e) {
      if (isUnknownValueError(e)) {
        reportAdvisory(
          report,
          `${item.name} can't be judged during preview (a value it depends on is unknown: ${e.message}); it is checked again at pulumi up.`,
          item.urn,
        );
      } else if (isEncryptedSecretError(e)) {
        report(`${item.name} can't be verified: ${e.message}.`, item.urn);
      } else {
        throw e;
      }
    }
  }
}
