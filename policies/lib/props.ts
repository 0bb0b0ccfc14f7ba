/**
 * Small readers for resource inputs. Policies see plain JSON (through the analyzer's
 * unknown-checking proxy), so every reader tolerates any shape and never throws on its own.
 */
import type {
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
} from "@pulumi/policy";

export type Props = Readonly<Record<string, unknown>>;

export function asObject(value: unknown): Props | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Props) : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Reads `a.b.c` through nested objects; undefined as soon as a step is missing. */
/** Whether `value` is a whole number from min to max (the ranges cloud APIs give for counts and percents). */
export function isWholeIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split(".")) {
    const o = asObject(current);
    if (!o) return undefined;
    current = o[key];
  }
  return current;
}

/** JSON text or an object (some inputs, e.g. IAM documents, accept either). */
export function parseJsonish(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/**
 * The type a policy judges: azure-native also publishes every resource under its API versions
 * (`azure-native:storage/v20230101:StorageAccount`), the same resource with the same inputs, so
 * those tokens are read as their base type (`azure-native:storage:StorageAccount`). Otherwise
 * picking a pinned version would step around every Azure policy.
 */
export function baseType(type: string): string {
  return type.startsWith("azure-native:") ? type.replace(/^(azure-native:[^:/]+)\/v[0-9A-Za-z]+:/, "$1:") : type;
}

/** True for `aws:*`-style patterns and exact tokens; version-pinned azure-native tokens match as their base type. */
export function typeMatches(type: string, patterns: readonly string[]): boolean {
  const t = baseType(type);
  return patterns.some((p) => (p.endsWith("*") ? t.startsWith(p.slice(0, -1)) : t === p));
}

export const isAwsResource = (type: string): boolean => type.startsWith("aws:");
export const isAzureResource = (type: string): boolean => type.startsWith("azure-native:");

/**
 * A resource validation restricted to some types, like CrossGuard's `validateResourceOfType`
 * but keyed by type token so the policy modules never load a provider SDK. With a single
 * type the analyzer's fast path (`__pulumiType`) skips other types without a call.
 */
export function forTypes(
  types: readonly string[],
  validate: (props: Props, args: ResourceValidationArgs, report: ReportViolation) => void,
): ResourceValidation {
  const fn = (args: ResourceValidationArgs, report: ReportViolation): void => {
    if (!typeMatches(args.type, types)) {
      args.notApplicable(`Policy only applies to resources of type ${types.join(", ")}`);
    }
    const type = baseType(args.type);
    validate(args.props, type === args.type ? args : { ...args, type }, report);
  };
  // The analyzer's fast path compares the raw token, which would skip pinned azure-native versions.
  if (types.length === 1 && !types[0].endsWith("*") && !types[0].startsWith("azure-native:")) {
    (fn as unknown as { __pulumiType: string }).__pulumiType = types[0];
  }
  // Read by our offline runner only (the Pulumi analyzer ignores it): skip other types uncalled.
  (fn as unknown as { __policyTypes: readonly string[] }).__policyTypes = types;
  return fn;
}

/**
 * A KMS key reference that names a customer-managed key: a key id, key ARN or alias, but not
 * an AWS-managed `alias/aws/<service>` key (those cannot be rotated, scoped or revoked by us).
 */
export function isCustomerManagedKey(value: unknown): boolean {
  const s = asString(value)?.trim();
  return !!s && !/(^|:)alias\/aws\//.test(s);
}

/** The AWS provider's `defaultTags.tags`; the engine hands `defaultTags` over as JSON text. */
export function providerDefaultTags(providerProps: Props | undefined): Readonly<Record<string, unknown>> {
  if (!providerProps) return {};
  const cached = defaultTagsCache.get(providerProps);
  if (cached) return cached;
  const parsed = asObject(parseJsonish(providerProps["defaultTags"]));
  const tags = { ...(asObject(parsed?.["tags"]) ?? {}) };
  defaultTagsCache.set(providerProps, tags);
  return tags;
}

/** Every resource of a provider shares its props object; parse its defaultTags once. */
const defaultTagsCache = new WeakMap<object, Readonly<Record<string, unknown>>>();

/** The URNs a stack resource's input `prop` was computed from. */
export function dependsThrough(resource: PolicyResource, prop: string): Set<string> {
  return new Set((resource.propertyDependencies[prop] ?? []).map((r) => r.urn));
}

/**
 * The resources of `targetTypes` that `resource` refers to through input `prop`: by property
 * dependency when the engine recorded one, else by equal value (a bucket name, a group name).
 */
export function linkedThrough(
  resource: PolicyResource,
  prop: string,
  candidates: readonly PolicyResource[],
  valueOf: (candidate: PolicyResource) => readonly unknown[],
): PolicyResource[] {
  const urns = dependsThrough(resource, prop);
  const value = peek(resource.props, prop);
  return candidates.filter(
    (c) => urns.has(c.urn) || (value !== undefined && value !== null && valueOf(c).some((v) => v === value)),
  );
}

/**
 * Reads a value that may not be known yet (preview) without giving up on the whole policy:
 * the analyzer's proxy throws on unknowns, which is right for a checked property but wrong
 * for a value only used to relate two resources.
 */
export function peek(props: Props, key: string): unknown {
  return tryRead(() => props[key]);
}

/** `read()`, or undefined when it throws: peek for a deeper read (an unknown nested value throws the same way). */
export function tryRead<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * The policy's config with its schema defaults filled in. The Pulumi CLI and our runner both
 * apply the defaults already; doing it here too keeps a policy correct under any host.
 */
export function readConfig<T>(args: { getConfig<C extends object>(): C }, schema: PolicyConfigSchema): T {
  let defaults = schemaDefaultsCache.get(schema);
  if (!defaults) {
    defaults = {};
    for (const [key, s] of Object.entries(schema.properties)) {
      if (typeof s === "object" && s.default !== undefined) defaults[key] = s.default;
    }
    schemaDefaultsCache.set(schema, defaults);
  }
  return { ...defaults, ...args.getConfig<Record<string, unknown>>() } as T;
}

const schemaDefaultsCache = new WeakMap<PolicyConfigSchema, Record<string, unknown>>();
