/**
 * Provisional waiver approvals. A waiver's approver is who accepted the risk (PCI DSS v4.0.1
 * 12.3.1 targeted risk analysis, 12.4: executive responsibility). Where no named person has
 * accepted it yet, the entry says so by ending the approver with "(provisional)"
 * ("compliance-team (provisional)"), rather than inventing a name. A provisional approval is shown
 * as such wherever waivers are (plan, policy:check, docs/policies.md), and it holds no later than
 * PROVISIONAL_WAIVERS_HOLD_UNTIL whatever expiry the entry gives: on the next day every waiver that
 * still lacks a named approver is a mandatory finding again, so none outlives the review unseen.
 * One rule, read by the policies (policies/lib/waivers.ts), the stack config and the tools.
 */

/** Matches an approver recorded as provisional: "compliance-team (provisional)". */
export const PROVISIONAL_APPROVER = /\(provisional\)\s*$/i;

/** The last day (UTC, YYYY-MM-DD) any provisional approval holds. */
export const PROVISIONAL_WAIVERS_HOLD_UNTIL = "2027-01-31";

export function isProvisionalApprover(approver: string): boolean {
  return PROVISIONAL_APPROVER.test(approver);
}

/** The last day a waiver holds: its own expiry, capped at PROVISIONAL_WAIVERS_HOLD_UNTIL when provisional. */
export function waiverHoldsUntil(w: { readonly approver: string; readonly expires: string }): string {
  return isProvisionalApprover(w.approver) && w.expires > PROVISIONAL_WAIVERS_HOLD_UNTIL
    ? PROVISIONAL_WAIVERS_HOLD_UNTIL
    : w.expires;
}
