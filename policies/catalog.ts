/**
 * Every policy pack with its policies and their metadata. The offline runner, docs, the
 * mutation suite and the compliance control matrix (policies/controls/) read this; it never
 * loads @pulumi/policy at run time.
 */
import { baselinePack } from "./baseline/pack";
import { deployabilityPack } from "./deployability/pack";
import { encryptionPack } from "./encryption/pack";
import type { PackDefinition, PolicyDefinition } from "./lib/types";
import { regionLockPack } from "./region-lock/pack";
import { resiliencePack } from "./resilience/pack";
import { taggingPack } from "./tagging/pack";

export type { PackDefinition, PolicyDefinition } from "./lib/types";

export const PACKS: readonly PackDefinition[] = [
  taggingPack,
  encryptionPack,
  regionLockPack,
  resiliencePack,
  deployabilityPack,
  baselinePack,
];

export interface CatalogEntry {
  readonly pack: string;
  readonly definition: PolicyDefinition;
}

/** Every policy across packs, in pack order. Policy names are unique across packs. */
export function allPolicies(): CatalogEntry[] {
  return PACKS.flatMap((pack) => pack.policies.map((definition) => ({ pack: pack.name, definition })));
}

export function findPolicy(name: string): CatalogEntry | undefined {
  return allPolicies().find((e) => e.definition.name === name);
}

/** Policy names supporting a PCI DSS v4.0.1 requirement ("3.5.1"), or any under a prefix ("3.7"). */
export function policiesForRequirement(requirement: string): string[] {
  return allPolicies()
    .filter((e) => e.definition.pci.some((r) => r === requirement || r.startsWith(`${requirement}.`)))
    .map((e) => e.definition.name);
}
