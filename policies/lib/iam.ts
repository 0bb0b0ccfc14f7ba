/** Readers for IAM-style policy documents (identity policies, trust policies, resource policies). */
import { asObject, parseJsonish, type Props } from "./props";

export interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** Every principal value: "*" for `"*"` and for `{ AWS: "*" }`, else ARNs, account ids and service names. */
  readonly principals: readonly string[];
  readonly servicePrincipals: readonly string[];
  readonly hasNotPrincipal: boolean;
  readonly condition: Props | undefined;
}

export const strings = (v: unknown): string[] => [v].flat().filter((x): x is string => typeof x === "string");

function principalsOf(p: unknown): { all: string[]; services: string[] } {
  if (p === undefined) return { all: [], services: [] };
  if (typeof p === "string" || Array.isArray(p)) return { all: strings(p), services: [] };
  const o = asObject(p) ?? {};
  const services = strings(o["Service"]);
  return {
    all: [...strings(o["AWS"]), ...services, ...strings(o["Federated"]), ...strings(o["CanonicalUser"])],
    services,
  };
}

/** The statements of a policy document given as JSON text or as an object; [] when unreadable. */
export function statementsOf(document: unknown): Statement[] {
  const doc = asObject(parseJsonish(document));
  return [doc?.["Statement"]].flat().flatMap((raw) => {
    const s = asObject(raw);
    if (!s) return [];
    const { all, services } = principalsOf(s["Principal"]);
    return [
      {
        effect: String(s["Effect"] ?? ""),
        actions: strings(s["Action"]),
        notActions: strings(s["NotAction"]),
        resources: strings(s["Resource"]),
        notResources: strings(s["NotResource"]),
        principals: all,
        servicePrincipals: services,
        hasNotPrincipal: s["NotPrincipal"] !== undefined,
        condition: asObject(s["Condition"]),
      },
    ];
  });
}

/** IAM action and resource wildcards (`*`, `?`), actions compared case-insensitively. */
export function wildcardMatches(pattern: string, value: string, ignoreCase = true): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, ignoreCase ? "i" : "").test(value);
}

/** True when the statement's actions include `action` (through wildcards). */
export function grants(s: Statement, action: string): boolean {
  return (
    s.effect === "Allow" &&
    (s.actions.some((a) => wildcardMatches(a, action)) ||
      (s.notActions.length > 0 && !s.notActions.some((a) => wildcardMatches(a, action))))
  );
}

export const onAnyResource = (s: Statement): boolean => s.resources.includes("*") || s.notResources.length > 0;

/** The principal is everyone: `*`, `{ AWS: "*" }` or a NotPrincipal (everyone but a few). */
export const isPublicPrincipal = (s: Statement): boolean => s.principals.includes("*") || s.hasNotPrincipal;

/** Condition keys (lower-cased) a statement constrains. */
export function conditionKeys(s: Statement): Set<string> {
  const keys = new Set<string>();
  for (const operator of Object.values(s.condition ?? {}))
    for (const k of Object.keys(asObject(operator) ?? {})) keys.add(k.toLowerCase());
  return keys;
}

/** Keys that pin a public principal to our own organisation, account, source or network. */
export const SCOPING_CONDITION_KEYS = [
  "aws:sourcearn",
  "aws:sourceaccount",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:sourcevpce",
  "aws:sourcevpc",
  "aws:sourceip",
  "aws:resourceorgid",
  "aws:calledvia",
  "kms:callervaccount",
  "kms:calleraccount",
  "kms:viaservice",
  "sts:externalid",
];

export function isScoped(s: Statement): boolean {
  const keys = conditionKeys(s);
  return SCOPING_CONDITION_KEYS.some((k) => keys.has(k));
}
