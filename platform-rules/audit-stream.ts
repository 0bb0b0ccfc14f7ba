/**
 * The audit processor's log line for every stored DENIED or FAILURE audit event, and the
 * CloudWatch Logs filter that counts them: one definition for the writer (services) and the
 * metric filter with its anomaly alarm (stacks, components/operations).
 */
export const AUDIT_OUTCOME_LOG_MESSAGE = "audit outcome recorded";

/** Powertools Logger writes JSON with the text in `message`. */
export const AUDIT_DENIED_OR_FAILED_PATTERN =
  `{ ($.message = "${AUDIT_OUTCOME_LOG_MESSAGE}") && (($.auditOutcome = "DENIED") || ` +
  `($.auditOutcome = "FAILURE")) }`;
