/**
 * The compliance report as data: AWS Config's answers grouped per PCI DSS v4.0.1 requirement.
 * Pure: `collect.ts` fetches, this shapes, `render.ts` prints.
 */
import { compareRequirements, requirementsOf } from "../../platform-rules/config-rules";
import { exceptionFor, type ConfigRuleException } from "../../platform-rules/config-rules/exceptions";
import { PCI_DSS_VERSION, requirementTitle } from "../../platform-rules/pci/requirements";

export const COMPLIANCE_TYPES = ["NON_COMPLIANT", "INSUFFICIENT_DATA", "COMPLIANT", "NOT_APPLICABLE"] as const;
export type ComplianceType = (typeof COMPLIANCE_TYPES)[number];

/** What collect.ts learns about one rule. */
export interface RuleFacts {
  readonly name: string;
  /** Managed rule source identifier; absent for custom rules. */
  readonly identifier?: string;
  readonly description?: string;
  /** Absent when Config has no evaluation yet. */
  readonly compliance?: string;
  /** Resources Config counts as non-compliant (may exceed the details listed). */
  readonly nonCompliantCount?: number;
  readonly nonCompliantResources: readonly NonCompliantResource[];
}

export interface NonCompliantResource {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly annotation?: string;
  readonly recordedAt?: string;
  /** The documented exception (platform-rules/config-rules/exceptions.ts) that explains it, if any. */
  readonly exception?: Omit<ConfigRuleException, "resourceIdPattern" | "logicalName">;
}

export interface RuleResult {
  readonly name: string;
  readonly identifier?: string;
  readonly description?: string;
  readonly compliance: ComplianceType;
  readonly requirements: readonly string[];
  readonly nonCompliantCount: number;
  readonly nonCompliantResources: readonly NonCompliantResource[];
  /** NON_COMPLIANT, and every resource Config counts is one the exceptions register explains. */
  readonly onlyExceptions: boolean;
}

export interface RequirementSection {
  readonly requirement: string;
  readonly title: string;
  /** The worst status of its rules. */
  readonly status: ComplianceType;
  readonly rules: readonly RuleResult[];
}

export interface ComplianceReport {
  readonly pciDssVersion: string;
  readonly generatedAt: string;
  readonly region: string;
  readonly rulesPrefix?: string;
  readonly summary: Readonly<Record<ComplianceType, number>> & {
    readonly rules: number;
    /** NON_COMPLIANT rules whose every non-compliant resource is a documented exception. */
    readonly onlyExceptions: number;
  };
  readonly requirements: readonly RequirementSection[];
  /** Rules with no PCI requirement: custom rules whose description names none. */
  readonly unmapped: readonly RuleResult[];
}

const DESCRIPTION_REQUIREMENTS = /PCI DSS v?4\.0\.1(?: requirements?)?:\s*([\d.\s,]+)/i;

/** The catalog's mapping for managed rules; otherwise the ids a description lists ("PCI DSS v4.0.1: 3.5.1 10.3.2"). */
export function requirementsFor(facts: Pick<RuleFacts, "identifier" | "description">): string[] {
  const fromCatalog = facts.identifier ? requirementsOf(facts.identifier) : [];
  if (fromCatalog.length > 0) return [...fromCatalog];
  const match = facts.description ? DESCRIPTION_REQUIREMENTS.exec(facts.description) : null;
  if (!match) return [];
  return [
    ...new Set(
      match[1]
        .split(/[\s,]+/)
        .map((s) => s.replace(/\.$/, ""))
        .filter((s) => /^\d+(\.\d+)+$/.test(s)),
    ),
  ].sort(compareRequirements);
}

export function normaliseCompliance(value: string | undefined): ComplianceType {
  return (COMPLIANCE_TYPES as readonly string[]).includes(value ?? "")
    ? (value as ComplianceType)
    : "INSUFFICIENT_DATA";
}

function worst(statuses: readonly ComplianceType[]): ComplianceType {
  for (const s of COMPLIANCE_TYPES) if (statuses.includes(s)) return s;
  return "NOT_APPLICABLE";
}

function byStatusThenName(a: RuleResult, b: RuleResult): number {
  return (
    COMPLIANCE_TYPES.indexOf(a.compliance) - COMPLIANCE_TYPES.indexOf(b.compliance) || a.name.localeCompare(b.name)
  );
}

export interface BuildReportInput {
  readonly rules: readonly RuleFacts[];
  readonly region: string;
  readonly generatedAt: Date;
  readonly rulesPrefix?: string;
}

/** The resource with the register's exception attached, when one names it and holds on `at`. */
function withException(identifier: string | undefined, r: NonCompliantResource, at: Date): NonCompliantResource {
  const e = exceptionFor(identifier, r.resourceType, r.resourceId, at);
  if (!e) return r;
  const { reason, compensatingControl, approver, reviewBy, rule, resourceType } = e;
  return { ...r, exception: { rule, resourceType, reason, compensatingControl, approver, reviewBy } };
}

export function buildReport(input: BuildReportInput): ComplianceReport {
  const results: RuleResult[] = input.rules.map((f) => {
    const compliance = normaliseCompliance(f.compliance);
    const nonCompliantCount = Math.max(f.nonCompliantCount ?? 0, f.nonCompliantResources.length);
    const nonCompliantResources = f.nonCompliantResources
      .map((r) => withException(f.identifier, r, input.generatedAt))
      .sort((a, b) => a.resourceType.localeCompare(b.resourceType) || a.resourceId.localeCompare(b.resourceId));
    // Only when Config's count is fully listed can every resource be shown to be an exception.
    const onlyExceptions =
      compliance === "NON_COMPLIANT" &&
      nonCompliantResources.length > 0 &&
      nonCompliantResources.length === nonCompliantCount &&
      nonCompliantResources.every((r) => r.exception !== undefined);
    return {
      name: f.name,
      identifier: f.identifier,
      description: f.description,
      compliance,
      requirements: requirementsFor(f),
      nonCompliantCount,
      nonCompliantResources,
      onlyExceptions,
    };
  });
  const sections = new Map<string, RuleResult[]>();
  for (const r of results) {
    // Pushed in place: copying the section on every rule made a 200,000-rule account quadratic (minutes).
    for (const req of r.requirements) {
      const section = sections.get(req);
      if (section) section.push(r);
      else sections.set(req, [r]);
    }
  }
  const summary = Object.fromEntries(
    COMPLIANCE_TYPES.map((t) => [t, results.filter((r) => r.compliance === t).length]),
  ) as Record<ComplianceType, number>;
  return {
    pciDssVersion: PCI_DSS_VERSION,
    generatedAt: input.generatedAt.toISOString(),
    region: input.region,
    rulesPrefix: input.rulesPrefix,
    summary: { ...summary, rules: results.length, onlyExceptions: results.filter((r) => r.onlyExceptions).length },
    requirements: [...sections.keys()].sort(compareRequirements).map((requirement) => {
      const rules = sections.get(requirement)!.sort(byStatusThenName);
      return {
        requirement,
        title: requirementTitle(requirement) ?? "(see PCI DSS v4.0.1)",
        status: worst(rules.map((r) => r.compliance)),
        rules,
      };
    }),
    unmapped: results.filter((r) => r.requirements.length === 0).sort(byStatusThenName),
  };
}

/** 0 when every evaluated rule complies or fails only on documented exceptions, 1 otherwise. */
export function exitCodeOf(report: ComplianceReport): 0 | 1 {
  return report.summary.NON_COMPLIANT > report.summary.onlyExceptions ? 1 : 0;
}
