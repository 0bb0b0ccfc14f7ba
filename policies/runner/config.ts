/**
 * Policy config as the Pulumi CLI resolves it before the analyzer runs: defaults from each
 * policy's configSchema, overridden by a `--policy-pack-config` style object
 * (`{ "<policy>": "advisory" }` or `{ "<policy>": { "enforcementLevel": "...", ...props } }`,
 * plus `"all"` for every policy of a pack), validated against the schema.
 */
import type { EnforcementLevel, PackDefinition, PolicyDefinition } from "../lib/types";
import { validateAgainst } from "./schema";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** A config problem; the message names the pack, the policy and the property. */
export class PolicyConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid policy config:\n  ${problems.join("\n  ")}`);
    this.name = "PolicyConfigError";
  }
}

export interface ResolvedPolicyConfig {
  readonly enforcementLevel: EnforcementLevel;
  /** What `args.getConfig()` returns: schema defaults overridden by the file, without enforcementLevel. */
  readonly properties: Readonly<Record<string, unknown>>;
}

type RawConfig = Readonly<Record<string, unknown>>;

function isLevel(v: unknown): v is EnforcementLevel {
  return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}

function schemaDefaults(policy: PolicyDefinition): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policy.policy.configSchema?.properties ?? {})) {
    if (typeof schema === "object" && schema.default !== undefined) defaults[key] = structuredClone(schema.default);
  }
  return defaults;
}

/** Splits one entry into its level and properties, collecting problems. */
function parseEntry(
  entry: unknown,
  where: string,
  problems: string[],
): { level?: EnforcementLevel; props: Record<string, unknown> } {
  if (typeof entry === "string") {
    if (isLevel(entry)) return { level: entry, props: {} };
    problems.push(
      `${where}: enforcement level ${JSON.stringify(entry)} is not one of ${ENFORCEMENT_LEVELS.join(", ")}`,
    );
    return { props: {} };
  }
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    problems.push(
      `${where}: expected an enforcement level or an object, got ${Array.isArray(entry) ? "array" : typeof entry}`,
    );
    return { props: {} };
  }
  const { enforcementLevel, ...props } = entry as Record<string, unknown>;
  if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
    problems.push(
      `${where}.enforcementLevel: ${JSON.stringify(enforcementLevel)} is not one of ${ENFORCEMENT_LEVELS.join(", ")}`,
    );
    return { props };
  }
  return { level: enforcementLevel, props };
}

/** Resolves every policy of `pack` into `problems` (shared, so all packs report at once). */
function resolvePack(
  pack: PackDefinition,
  raw: RawConfig | undefined,
  known: ReadonlySet<string>,
  problems: string[],
): Map<string, ResolvedPolicyConfig> {
  for (const key of Object.keys(raw ?? {})) {
    if (key !== "all" && !known.has(key))
      problems.push(`"${key}": no policy of that name in any pack (known: ${[...known].sort().join(", ")})`);
  }
  const all = raw?.["all"] === undefined ? { props: {} } : parseEntry(raw["all"], `"all"`, problems);
  const resolved = new Map<string, ResolvedPolicyConfig>();
  for (const policy of pack.policies) {
    const where = `${pack.name}/${policy.name}`;
    const entry = raw?.[policy.name] === undefined ? { props: {} } : parseEntry(raw[policy.name], where, problems);
    const properties = { ...schemaDefaults(policy), ...entry.props };
    const schema = policy.policy.configSchema ?? { properties: {} };
    for (const key of Object.keys(entry.props)) {
      if (!(key in schema.properties)) {
        const knownProps = Object.keys(schema.properties);
        problems.push(
          `${where}.${key}: unknown property (${knownProps.length ? `known: ${knownProps.join(", ")}` : "the policy takes no properties"})`,
        );
      }
    }
    const declared = Object.fromEntries(Object.entries(properties).filter(([k]) => k in schema.properties));
    problems.push(
      ...validateAgainst(declared, { type: "object", properties: schema.properties, required: schema.required }, where),
    );
    const level: EnforcementLevel = entry.level ?? all.level ?? policy.policy.enforcementLevel ?? "advisory";
    resolved.set(policy.name, { enforcementLevel: level, properties });
  }
  return resolved;
}

/**
 * Config for every pack: `combined` is keyed by policy name across packs (names are unique),
 * `perPack` by pack name then policy name (one `--policy-pack-config` file per pack); a
 * per-pack entry wins. Throws one PolicyConfigError listing every problem.
 */
export function resolveConfig(
  packs: readonly PackDefinition[],
  combined?: RawConfig,
  perPack?: Readonly<Record<string, RawConfig>>,
): Map<string, Map<string, ResolvedPolicyConfig>> {
  const problems: string[] = [];
  const known = new Set(packs.flatMap((p) => p.policies.map((d) => d.name)));
  for (const name of Object.keys(perPack ?? {})) {
    if (!packs.some((p) => p.name === name))
      problems.push(`pack "${name}": no such pack (known: ${packs.map((p) => p.name).join(", ")})`);
  }
  const result = new Map<string, Map<string, ResolvedPolicyConfig>>();
  for (const pack of packs) {
    const own = perPack?.[pack.name];
    const ownNames = new Set(pack.policies.map((d) => d.name));
    if (own)
      for (const key of Object.keys(own))
        if (key !== "all" && !ownNames.has(key))
          problems.push(`pack "${pack.name}": no policy "${key}" (it has ${[...ownNames].join(", ")})`);
    result.set(pack.name, resolvePack(pack, { ...combined, ...own }, known, problems));
  }
  if (problems.length > 0) throw new PolicyConfigError([...new Set(problems)]);
  return result;
}
