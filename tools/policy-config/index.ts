/**
 * One source for stack-dependent policy config: each pack's --policy-pack-config for a stack is
 * derived here from that stack's config (Pulumi.<stack>.yaml), for `npm run plan` and, written to
 * policies/config/<stack>/<pack>.json by `npm run docs`, for CI previews and updates. A test checks
 * the committed files, the plan and this function agree.
 *
 *   region-lock   allowedRegions / allowedLocations + pairedLocations  <- platform:regions
 *                 recoveryRegions                                       <- platform:dr.gateRegion (DR on)
 *   every pack    <policy>.waivers                                     <- platform:policyWaivers
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PACKS } from "../../policies/catalog";
import { DEFAULT_AZURE_PAIRED_LOCATIONS, normalizeLocation } from "../../policies/lib/regions";
import { parseStackConfig, type PlatformConfig } from "../../stacks/config";
import { readStackConfig } from "../../stacks/offline/stack-file";

export type PackConfig = Record<string, unknown>;

const ROOT = path.join(__dirname, "..", "..");
export const STACKS = ["dev", "prod"] as const;

/** A waiver naming a policy no pack has: refused, naming the key. */
export class PolicyConfigSourceError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`stack policy config:\n  ${problems.join("\n  ")}`);
    this.name = "PolicyConfigSourceError";
  }
}

/** The pack's own config.json: the stack-independent part (enforcement levels the compliance team set). */
function baseConfig(pack: string): PackConfig {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "policies", pack, "config.json"), "utf8")) as PackConfig;
}

/** platform:regions.allowedAzureLocations splits into the allowed locations and the geo pairs of allowed ones. */
export function azureLocations(allowed: readonly string[]): {
  allowedLocations: string[];
  pairedLocations: Record<string, string[]>;
} {
  const listed = allowed.map(normalizeLocation);
  const pairedLocations: Record<string, string[]> = {};
  for (const [primary, pairs] of Object.entries(DEFAULT_AZURE_PAIRED_LOCATIONS)) {
    if (!listed.includes(primary)) continue;
    const used = pairs.map(normalizeLocation).filter((p) => listed.includes(p));
    pairedLocations[primary] = used;
  }
  const pairOnly = new Set(Object.values(pairedLocations).flat());
  return { allowedLocations: listed.filter((l) => !pairOnly.has(l)), pairedLocations };
}

const entry = (config: PackConfig, policy: string): Record<string, unknown> => {
  const current = config[policy];
  const object =
    typeof current === "string"
      ? { enforcementLevel: current }
      : { ...((current as Record<string, unknown> | undefined) ?? {}) };
  config[policy] = object;
  return object;
};

/** Every pack's --policy-pack-config for the stack whose validated config is `cfg`. */
export function packConfigsFor(cfg: PlatformConfig): Record<string, PackConfig> {
  const configs: Record<string, PackConfig> = Object.fromEntries(PACKS.map((p) => [p.name, baseConfig(p.name)]));
  const regionLock = configs["region-lock"]!;
  entry(regionLock, "aws-allowed-regions")["allowedRegions"] = [...cfg.allowedAwsRegions];
  // The DR failover gate lives outside the primary region (platform:dr.gateRegion), only when DR is on.
  entry(regionLock, "aws-allowed-regions")["recoveryRegions"] = cfg.dr.enabled ? [cfg.dr.gateRegion] : [];
  entry(regionLock, "aws-replication-destinations")["allowedRegions"] = [...cfg.allowedAwsRegions];
  Object.assign(entry(regionLock, "azure-allowed-locations"), azureLocations(cfg.allowedAzureLocations));
  const problems: string[] = [];
  cfg.policyWaivers.forEach((w, i) => {
    const pack = PACKS.find((p) => p.policies.some((d) => d.name === w.policy));
    if (!pack) {
      problems.push(`platform:policyWaivers[${i}].policy: no policy named ${w.policy} (docs/policies.md lists them)`);
      return;
    }
    const { policy: _policy, ...waiver } = w;
    const e = entry(configs[pack.name]!, w.policy);
    e["waivers"] = [...((e["waivers"] as unknown[] | undefined) ?? []), waiver];
  });
  if (problems.length > 0) throw new PolicyConfigSourceError(problems);
  return configs;
}

export function packConfigsForStack(stack: string): Record<string, PackConfig> {
  return packConfigsFor(parseStackConfig("platform", stack, readStackConfig(stack)));
}

/** Repository-relative path of the generated file CI passes as --policy-pack-config. */
export const configFile = (stack: string, pack: string): string => `policies/config/${stack}/${pack}.json`;

export function renderConfigFile(config: PackConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Each stack's waivers, for docs/policies.md. */
export function waiversByStack(): Record<string, PlatformConfig["policyWaivers"]> {
  return Object.fromEntries(
    STACKS.map((stack) => [stack, parseStackConfig("platform", stack, readStackConfig(stack)).policyWaivers]),
  );
}
