/**
 * The shapes every policy module shares. CrossGuard's own types are imported type-only: the
 * objects built here are the very objects a `PolicyPack` serves, but loading @pulumi/policy at
 * run time costs ~1 s (it pulls in @pulumi/pulumi and gRPC), so only each pack's index.ts does.
 */
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ResourceValidation,
  ResourceValidationPolicy,
  StackValidation,
  StackValidationPolicy,
} from "@pulumi/policy";

export type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidation,
  StackValidationArgs,
} from "@pulumi/policy";

/** PCI DSS version every requirement id in this folder refers to. */
export const PCI_DSS_VERSION = "4.0.1";

interface CommonFields {
  /** kebab-case, equal to the policy module's file name. */
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly configSchema: PolicyConfigSchema;
  /** PCI DSS v4.0.1 requirement ids the policy supports, e.g. "3.5.1". */
  readonly pci: readonly string[];
  /** Type tokens the policy inspects (`aws:*` style wildcards allowed), for docs. */
  readonly resourceTypes: readonly string[];
  /** One sentence: what to change in the program to comply. */
  readonly fix: string;
  readonly severity?: "low" | "medium" | "high" | "critical";
}

/** A policy plus the metadata docs and the control matrix read. */
export interface PolicyDefinition {
  readonly name: string;
  readonly kind: "resource" | "stack";
  readonly pci: readonly string[];
  readonly resourceTypes: readonly string[];
  readonly fix: string;
  /** The object handed to `new PolicyPack(...)`, unchanged. */
  readonly policy: ResourceValidationPolicy | StackValidationPolicy;
}

function crossGuardFields(f: CommonFields) {
  return {
    name: f.name,
    description: f.description,
    enforcementLevel: f.enforcementLevel,
    configSchema: f.configSchema,
    severity: f.severity ?? "high",
    remediationSteps: f.fix,
    framework: {
      name: "PCI DSS",
      version: PCI_DSS_VERSION,
      reference: f.pci.join(", "),
      specification: `Supports PCI DSS v${PCI_DSS_VERSION} requirement(s) ${f.pci.join(", ")}.`,
    },
  };
}

export function resourcePolicy(f: CommonFields & { readonly validateResource: ResourceValidation }): PolicyDefinition {
  return {
    name: f.name,
    kind: "resource",
    pci: f.pci,
    resourceTypes: f.resourceTypes,
    fix: f.fix,
    policy: { ...crossGuardFields(f), validateResource: f.validateResource },
  };
}

export function stackPolicy(f: CommonFields & { readonly validateStack: StackValidation }): PolicyDefinition {
  return {
    name: f.name,
    kind: "stack",
    pci: f.pci,
    resourceTypes: f.resourceTypes,
    fix: f.fix,
    policy: { ...crossGuardFields(f), validateStack: f.validateStack },
  };
}

/** A pack as the catalog, the runner and the pack's index.ts see it. */
export interface PackDefinition {
  readonly name: string;
  readonly description: string;
  readonly policies: readonly PolicyDefinition[];
}
