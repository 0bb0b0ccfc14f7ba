/**
 * The AWS Config managed rules of AWS's PCI DSS conformance packs (3.2.1 and 4.0 including
 * global resource types) as typed data: corrected parameters, the resource types each rule
 * reports on, and the PCI DSS v4.0.1 requirements it gives evidence for. Pure data and
 * functions: the Config component, the report CLI, its Lambda and the control matrix read it.
 */
import reference from "./aws-pci-conformance-packs.json";
import {
  DEFAULT_EXCLUSIONS,
  EVALUATES_OVERRIDE,
  PARAMETER_CORRECTIONS,
  UNDEPLOYABLE,
  UNSCOPED_EVALUATES,
} from "./corrections";
import { RULE_REQUIREMENTS } from "./requirements";

export { compareRequirements } from "./requirements";
export { DEFAULT_EXCLUSIONS } from "./corrections";

export type PackName = "PCI DSS 3.2.1" | "PCI DSS 4.0_including_global";

export interface ManagedRule {
  /** The managed rule's source identifier, e.g. S3_BUCKET_SSL_REQUESTS_ONLY. */
  readonly identifier: string;
  /** The rule name the packs give it, e.g. s3-bucket-ssl-requests-only. */
  readonly name: string;
  readonly packs: readonly PackName[];
  /** scope.complianceResourceTypes; absent for periodic rules the packs leave unscoped. */
  readonly scope?: readonly string[];
  /** Resource types the rule reports on; decides whether it applies to this platform. */
  readonly evaluates: readonly string[];
  /** inputParameters, after corrections. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Why the parameters differ from the pack, when they do. */
  readonly correction?: string;
  /** PCI DSS v4.0.1 requirement ids, sorted. */
  readonly requirements: readonly string[];
  /** Why the rule cannot be deployed from the catalog, when it cannot. */
  readonly undeployable?: string;
}

interface ReferenceRule {
  readonly configRuleName: string;
  readonly scope: readonly string[] | null;
  readonly inputParameters: Readonly<Record<string, string>>;
  readonly packs: readonly string[];
}

function toRule(identifier: string, ref: ReferenceRule): ManagedRule {
  const scope = ref.scope && ref.scope.length > 0 ? ref.scope : undefined;
  const correction = PARAMETER_CORRECTIONS[identifier];
  const override = EVALUATES_OVERRIDE[identifier];
  return {
    identifier,
    name: ref.configRuleName,
    packs: ref.packs as PackName[],
    scope,
    evaluates: override ? [override] : (scope ?? UNSCOPED_EVALUATES[identifier] ?? []),
    parameters: correction?.parameters ?? ref.inputParameters,
    correction: correction?.reason,
    requirements: RULE_REQUIREMENTS.get(identifier) ?? [],
    undeployable: UNDEPLOYABLE[identifier],
  };
}

/** Every rule in the reference, by identifier, in identifier order. */
export const RULE_CATALOG: ReadonlyMap<string, ManagedRule> = new Map(
  Object.entries((reference as { rules: Record<string, ReferenceRule> }).rules)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, ref]) => [id, toRule(id, ref)]),
);

export function findRule(identifier: string): ManagedRule | undefined {
  return RULE_CATALOG.get(identifier);
}

/** Config resource types the stacks deploy (primary region). */
export const DEPLOYED_RESOURCE_TYPES: readonly string[] = [
  "AWS::S3::Bucket",
  "AWS::KMS::Key",
  "AWS::RDS::DBCluster",
  "AWS::RDS::DBInstance",
  "AWS::RDS::DBClusterSnapshot",
  "AWS::DynamoDB::Table",
  "AWS::Lambda::Function",
  "AWS::ApiGateway::RestApi",
  "AWS::ApiGateway::Stage",
  "AWS::Logs::LogGroup",
  "AWS::CloudWatch::Alarm",
  "AWS::CloudTrail::Trail",
  "AWS::EC2::VPC",
  "AWS::EC2::Subnet",
  "AWS::EC2::SecurityGroup",
  "AWS::EC2::NetworkAcl",
  "AWS::EC2::RouteTable",
  "AWS::EC2::InternetGateway",
  "AWS::EC2::EIP",
  "AWS::EC2::NatGateway",
  "AWS::EC2::VPCEndpoint",
  "AWS::IAM::Role",
  "AWS::IAM::Policy",
  "AWS::SecretsManager::Secret",
  "AWS::SNS::Topic",
  "AWS::SQS::Queue",
  "AWS::WAFv2::WebACL",
  "AWS::Backup::BackupPlan",
  "AWS::Backup::BackupVault",
  "AWS::Backup::RecoveryPoint",
  "AWS::Events::Rule",
];

/** Types every account has whether or not the stacks create them: the account's own baseline. */
export const ACCOUNT_RESOURCE_TYPES: readonly string[] = [
  "AWS::::Account",
  "AWS::IAM::User",
  "AWS::IAM::Group",
  "AWS::S3::AccountPublicAccessBlock",
];

/** Both lists: what "applies to this platform" means. */
export const PLATFORM_RESOURCE_TYPES: readonly string[] = [...DEPLOYED_RESOURCE_TYPES, ...ACCOUNT_RESOURCE_TYPES];

export interface RuleSelectionInput {
  /** Config resource types present; default PLATFORM_RESOURCE_TYPES. */
  readonly resourceTypes?: readonly string[];
  /** Identifiers to deploy even if excluded by default or not applicable. */
  readonly add?: readonly string[];
  /** Identifiers to leave out. */
  readonly exclude?: readonly string[];
  /** Default exclusions with reasons; default DEFAULT_EXCLUSIONS. */
  readonly defaultExclusions?: Readonly<Record<string, string>>;
}

export interface RuleSelection {
  /** Rules to deploy, in identifier order. */
  readonly deployed: readonly ManagedRule[];
  /** Applicable rules left out, with the reason. */
  readonly excluded: readonly { readonly rule: ManagedRule; readonly reason: string }[];
  /** Rules about resource types the platform does not have. */
  readonly notApplicable: readonly ManagedRule[];
}

/** Whether a rule reports on any of the given resource types. */
export function appliesTo(rule: ManagedRule, resourceTypes: readonly string[]): boolean {
  return rule.evaluates.some((t) => resourceTypes.includes(t));
}

/**
 * Selects the rules to deploy: every catalog rule about a resource type present, minus default
 * and configured exclusions, plus configured additions. Unknown identifiers are the config
 * validator's job (stacks/config/compliance.ts); here they are ignored.
 */
export function selectRules(input: RuleSelectionInput = {}): RuleSelection {
  const types = input.resourceTypes ?? PLATFORM_RESOURCE_TYPES;
  const add = new Set(input.add ?? []);
  const exclude = new Set(input.exclude ?? []);
  const defaults = input.defaultExclusions ?? DEFAULT_EXCLUSIONS;
  const deployed: ManagedRule[] = [];
  const excluded: { rule: ManagedRule; reason: string }[] = [];
  const notApplicable: ManagedRule[] = [];
  for (const rule of RULE_CATALOG.values()) {
    const applicable = appliesTo(rule, types);
    if (exclude.has(rule.identifier)) {
      excluded.push({ rule, reason: "Excluded by platform:compliance.excludeRules." });
    } else if (add.has(rule.identifier)) {
      deployed.push(rule);
    } else if (!applicable) {
      notApplicable.push(rule);
    } else if (rule.undeployable) {
      excluded.push({ rule, reason: `Not deployable as-is: ${rule.undeployable}.` });
    } else if (defaults[rule.identifier]) {
      excluded.push({ rule, reason: defaults[rule.identifier] });
    } else {
      deployed.push(rule);
    }
  }
  return { deployed, excluded, notApplicable };
}

/** The catalog identifiers closest to a mistyped one (edit distance), best first. */
export function suggestIdentifiers(input: string, count = 3): string[] {
  const target = input.toUpperCase();
  return [...RULE_CATALOG.keys()]
    .map((id) => ({ id, d: editDistance(target, id) }))
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, count)
    .map((s) => s.id);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Requirement ids a rule identifier maps to; empty for unknown identifiers. */
export function requirementsOf(identifier: string): readonly string[] {
  return RULE_CATALOG.get(identifier)?.requirements ?? [];
}
