/**
 * Waivers as code, like cdk-nag's suppressions: a per-resource exemption from one policy with a
 * reason, an approver and an expiry date. They are declared per stack in the stack config
 * (`platform:policyWaivers` in Pulumi.<stack>.yaml) and reach each policy as its `waivers`
 * config property, in the generated --policy-pack-config (tools/policy-config) and in
 * `npm run plan`. A waived violation is reported as an advisory that names the waiver; an expired
 * waiver is itself a mandatory finding; a waiver without reason, approver or expiry is refused by
 * the config schema (the CLI and the offline runner both reject the config).
 */
import { isProvisionalApprover, waiverHoldsUntil } from "../../platform-rules/policy-waivers";
import { baseType } from "./props";
import type { PolicyConfigSchema, ReportViolation } from "@pulumi/policy";

export interface Waiver {
  /** The resource's logical name (e.g. `api-get-health`) or its full URN. */
  readonly resource: string;
  /** Optional type token, to tell apart two resources of one name. */
  readonly type?: string;
  /** Why the control does not apply or what compensates for it (PCI DSS customized approach / compensating control). */
  readonly reason: string;
  /** Who accepted the risk (a person or role of the compliance team); ending in "(provisional)" when no one named has yet. */
  readonly approver: string;
  /** Last day the waiver holds, YYYY-MM-DD (UTC). */
  readonly expires: string;
}

export const WAIVERS_PROPERTY = "waivers";

export const WAIVERS_SCHEMA = {
  type: "array",
  description:
    "Per-resource exemptions from this policy: { resource (logical name or URN), type?, " +
    "reason, approver, expires (YYYY-MM-DD) }. Generated from platform:policyWaivers.",
  items: {
    type: "object",
    required: ["resource", "reason", "approver", "expires"],
    additionalProperties: false,
    properties: {
      resource: { type: "string", minLength: 1 },
      type: { type: "string", minLength: 1 },
      reason: { type: "string", minLength: 10 },
      approver: { type: "string", minLength: 2 },
      expires: { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$" },
    },
  },
} as const;

export function withWaiversSchema(schema: PolicyConfigSchema): PolicyConfigSchema {
  return { ...schema, properties: { ...schema.properties, [WAIVERS_PROPERTY]: WAIVERS_SCHEMA as never } };
}

/** `urn:pulumi:stack::project::parent$type::name` → name and type. */
export function urnParts(urn: string): { name: string; type: string } {
  const name = urn.slice(urn.lastIndexOf("::") + 2);
  const typePart = urn.slice(0, urn.lastIndexOf("::"));
  const qualified = typePart.slice(typePart.lastIndexOf("::") + 2);
  return { name, type: qualified.slice(qualified.lastIndexOf("$") + 1) };
}

export function waiverApplies(w: Waiver, urn: string): boolean {
  if (w.resource === urn) return true;
  const { name, type } = urnParts(urn);
  return w.resource === name && (w.type === undefined || baseType(w.type) === baseType(type));
}

/** True when no named person has accepted the risk yet (platform-rules/policy-waivers.ts). */
export function isProvisional(w: Waiver): boolean {
  return isProvisionalApprover(w.approver);
}

/** The last day the waiver holds: `expires`, capped for a provisional approval. */
export function holdsUntil(w: Waiver): string {
  return waiverHoldsUntil(w);
}

/** A waiver holds through its last day (UTC): `expires`, or the provisional cap when that is earlier. */
export function isExpired(w: Waiver, now: Date = new Date()): boolean {
  return now.toISOString().slice(0, 10) > holdsUntil(w);
}

/** The approval part of a waiver, saying plainly when it is provisional. */
export function describeApproval(w: Waiver): string {
  if (!isProvisional(w)) return `approved by ${w.approver}, expires ${w.expires}`;
  const until = holdsUntil(w);
  return (
    `PROVISIONAL approval by ${w.approver}: no named person has accepted this risk; holds ` +
    `until ${until}${until === w.expires ? "" : `, not ${w.expires} as entered`}`
  );
}

export function describeWaiver(w: Waiver): string {
  return `${w.reason} (${describeApproval(w)})`;
}

type Level = "advisory" | "mandatory";
type ReportObject = (v: { message: string; urn?: string; enforcementLevel?: Level }) => void;

/**
 * The policy's report with its waivers applied: a violation on a resource with a valid waiver
 * becomes an advisory naming the waiver; anything else passes through unchanged.
 */
export function waivingReport(
  report: ReportViolation,
  waivers: readonly Waiver[],
  description: string,
  defaultUrn?: string,
): ReportViolation {
  if (waivers.length === 0) return report;
  const now = new Date();
  return ((message: string, urn?: string) => {
    const target = urn ?? defaultUrn;
    const waiver = target ? waivers.find((w) => !isExpired(w, now) && waiverApplies(w, target)) : undefined;
    if (!waiver || !target) return report(message, urn);
    (report as unknown as ReportObject)({
      message: `${description}\n[waived] ${message} Waiver: ${describeWaiver(waiver)}.`,
      urn: target,
      enforcementLevel: "advisory",
    });
  }) as ReportViolation;
}

/** Mandatory findings for the expired waivers among `waivers` that name `urn`. */
export function reportExpired(report: ReportViolation, policy: string, waivers: readonly Waiver[], urn: string): void {
  const now = new Date();
  for (const w of waivers) {
    if (isExpired(w, now) && waiverApplies(w, urn)) {
      report(
        isProvisional(w)
          ? `The waiver of ${policy} for ${w.resource} expired on ${holdsUntil(w)}, the last day a ` +
              `provisional approval holds (${w.reason}; approver ${w.approver}, no named person): fix ` +
              `the resource, or have a named approver accept the risk in platform:policyWaivers with a ` +
              `new expiry.`
          : `The waiver of ${policy} for ${w.resource} expired on ${w.expires} (${w.reason}; approved ` +
              `by ${w.approver}): fix the resource, or renew the waiver in platform:policyWaivers with a ` +
              `new approval and expiry.`,
        urn,
      );
    }
  }
}

export function waiversOf(config: unknown): Waiver[] {
  const list = (config as Record<string, unknown> | undefined)?.[WAIVERS_PROPERTY];
  return Array.isArray(list) ? (list as Waiver[]) : [];
}
