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

import { PCI_DSS_VERSION } from "../../platform-rules/pci/requirements";
import { reportExpired, waiversOf, waivingReport, withWaiversSchema } from "./waivers";

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

/** PCI DSS version every requirement id in this folder refers to (defined in platform-rules). */
export { PCI_DSS_VERSION };

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
  /** The peer checks this policy covers, for assessors (docs/policies.md). */
  readonly covers?: PeerChecks;
}

/** Check ids of peer tools a policy covers: checkov (CKV_*, CKV2_*) and cdk-nag (AwsSolutions-*, PCIDSS321*). */
export interface PeerChecks {
  readonly checkov?: readonly string[];
  readonly cdkNag?: readonly string[];
}

/** A policy plus the metadata docs and the control matrix read. */
export interface PolicyDefinition {
  readonly name: string;
  readonly kind: "resource" | "stack";
  readonly pci: readonly string[];
  readonly resourceTypes: readonly string[];
  readonly fix: string;
  readonly covers: PeerChecks;
  /** The object handed to `new PolicyPack(...)`, unchanged. */
  readonly policy: ResourceValidationPolicy | StackValidationPolicy;
}

function crossGuardFields(f: CommonFields) {
  return {
    name: f.name,
    description: f.description,
    enforcementLevel: f.enforcementLevel,
    // Every policy takes per-resource waivers (lib/waivers.ts).
    configSchema: withWaiversSchema(f.configSchema),
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
    covers: f.covers ?? {},
    policy: { ...crossGuardFields(f), validateResource: waivableResource(f.name, f.description, f.validateResource) },
  };
}

/** The analyzer's and our runner's fast-path markers (lib/props forTypes) survive the wrapping. */
function keepMarkers<T extends object>(wrapper: T, inner: object): T {
  for (const key of ["__pulumiType", "__policyTypes"]) {
    if (key in inner) (wrapper as Record<string, unknown>)[key] = (inner as Record<string, unknown>)[key];
  }
  return wrapper;
}

function waivableResource(policy: string, description: string, validate: ResourceValidation): ResourceValidation {
  const wrapped: ResourceValidation = (args, report) => {
    const waivers = waiversOf(args.getConfig());
    if (waivers.length === 0) return validate(args, report);
    reportExpired(report, policy, waivers, args.urn);
    return validate(args, waivingReport(report, waivers, description, args.urn));
  };
  return keepMarkers(wrapped, validate);
}

function waivableStack(policy: string, description: string, validate: StackValidation): StackValidation {
  const wrapped: StackValidation = (args, report) => {
    const waivers = waiversOf(args.getConfig());
    if (waivers.length === 0) return validate(args, report);
    for (const r of args.resources) reportExpired(report, policy, waivers, r.urn);
    return validate(args, waivingReport(report, waivers, description));
  };
  return keepMarkers(wrapped, validate);
}

export function stackPolicy(f: CommonFields & { readonly validateStack: StackValidation }): PolicyDefinition {
  return {
    name: f.name,
    kind: "stack",
    pci: f.pci,
    resourceTypes: f.resourceTypes,
    fix: f.fix,
    covers: f.covers ?? {},
    policy: { ...crossGuardFields(f), validateStack: waivableStack(f.name, f.description, f.validateStack) },
  };
}

/** A pack as the catalog, the runner and the pack's index.ts see it. */
export interface PackDefinition {
  readonly name: string;
  readonly description: string;
  readonly policies: readonly PolicyDefinition[];
}
