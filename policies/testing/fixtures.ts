/** Hand-made plan resources for policy tests: compliant by default, one override away from a violation. */
import type { PlanFinding, PlanResource } from "../../platform-rules/plan-format";
import { PACKS } from "../catalog";
import { runPolicyPacks, type RunPacksOptions } from "../runner";

export const STACK = "dev";
export const PROJECT = "platform";
const STACK_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;

export const REQUIRED_TAGS = {
  Environment: "dev",
  CostCenter: "FX-TRADING-1001",
  Owner: "platform-engineering",
  Compliance: "PCI-DSS",
  DataClassification: "confidential",
};

export const CMK = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const KEY_URI = "https://kv-dr.vault.azure.net/keys/cmk";

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

export interface ResourceExtras {
  readonly provider?: PlanResource;
  readonly parent?: string;
  readonly propertyDependencies?: Record<string, readonly string[]>;
  readonly protect?: boolean;
}

export function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extras: ResourceExtras = {},
): PlanResource {
  const deps = extras.propertyDependencies ?? {};
  const provider =
    extras.provider ??
    (type.startsWith("aws:") ? awsProvider() : type.startsWith("azure-native:") ? azureProvider() : undefined);
  return {
    urn: urnOf(type, name),
    type,
    name,
    parent: extras.parent ?? STACK_URN,
    ...(provider ? { provider: `${provider.urn}::00000000-0000-0000-0000-000000000001` } : {}),
    inputs,
    protect: extras.protect ?? false,
    custom: true,
    dependencies: [...new Set(Object.values(deps).flat())],
    propertyDependencies: deps,
    options: {},
  };
}

/** The AWS provider as the engine reports it: `defaultTags` is JSON text. */
export function awsProvider(
  region = "us-east-1",
  tags: Record<string, string> | undefined = REQUIRED_TAGS,
  name = "aws",
): PlanResource {
  const inputs: Record<string, unknown> = { region, ...(tags ? { defaultTags: JSON.stringify({ tags }) } : {}) };
  return { ...bare("pulumi:providers:aws", name), inputs };
}

export function azureProvider(location: string | undefined = "eastus2", name = "azure"): PlanResource {
  return { ...bare("pulumi:providers:azure-native", name), inputs: location ? { location } : {} };
}

function bare(type: string, name: string): PlanResource {
  return {
    urn: urnOf(type, name),
    type,
    name,
    parent: STACK_URN,
    inputs: {},
    protect: false,
    custom: true,
    dependencies: [],
    propertyDependencies: {},
    options: {},
  };
}

/** Adds every provider the resources refer to, once. */
export function withProviders(resources: readonly PlanResource[]): PlanResource[] {
  const providers = new Map<string, PlanResource>();
  for (const p of [awsProvider(), azureProvider()]) providers.set(p.urn, p);
  const listed = new Set(resources.map((r) => r.urn));
  const needed = [...providers.values()].filter(
    (p) => !listed.has(p.urn) && resources.some((r) => r.provider?.startsWith(`${p.urn}::`)),
  );
  return [...needed, ...resources];
}

/** Findings of one policy over the resources (providers added), with optional config. */
export async function findingsOf(
  policy: string,
  resources: readonly PlanResource[],
  config?: RunPacksOptions["config"],
): Promise<PlanFinding[]> {
  const packs = PACKS.map((p) => ({ ...p, policies: p.policies.filter((d) => d.name === policy) })).filter(
    (p) => p.policies.length > 0,
  );
  if (packs.length === 0) throw new Error(`no policy named ${policy}`);
  return runPolicyPacks(withProviders(resources), { stack: STACK, project: PROJECT, config, packs });
}

export async function mandatoryOf(
  policy: string,
  resources: readonly PlanResource[],
  config?: RunPacksOptions["config"],
): Promise<PlanFinding[]> {
  return (await findingsOf(policy, resources, config)).filter((f) => f.enforcementLevel === "mandatory");
}
