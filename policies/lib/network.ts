/** Readers for ingress rules on AWS security groups, NACLs and Azure NSGs. */
import { asArray, asObject, asString, type Props } from "./props";

export const ANYWHERE_V4 = "0.0.0.0/0";
export const ANYWHERE_V6 = "::/0";

/** Azure address prefixes that mean "the internet". */
export const AZURE_ANYWHERE = ["*", "0.0.0.0/0", "0.0.0.0", "::/0", "internet", "any"];

export function isAnywhere(cidr: unknown): boolean {
  return cidr === ANYWHERE_V4 || cidr === ANYWHERE_V6;
}

/** An AWS protocol that covers every port: "-1", "all" (any case) or the number -1. */
export function allProtocols(protocol: unknown): boolean {
  return protocol === -1 || protocol === "-1" || String(protocol).toLowerCase() === "all";
}

/** The port range an AWS rule opens; every port for the all-protocols rule. */
export function portRange(from: unknown, to: unknown, protocol: unknown): [number, number] {
  if (allProtocols(protocol)) return [0, 65535];
  const f = typeof from === "number" ? from : Number(from ?? 0);
  const t = typeof to === "number" ? to : Number(to ?? f);
  return [Number.isFinite(f) ? f : 0, Number.isFinite(t) ? t : 65535];
}

/** Azure "443", "80-443", "*" → ranges. */
export function azurePortRanges(single: unknown, many: unknown): [number, number][] {
  const specs = [single, ...(Array.isArray(many) ? many : [])].filter(
    (p): p is string | number => typeof p === "string" || typeof p === "number",
  );
  return specs.map((p) => {
    const s = String(p).trim();
    if (s === "*") return [0, 65535] as [number, number];
    const [a, b] = s.split("-").map((x) => Number(x.trim()));
    return [a, Number.isFinite(b) ? b : a] as [number, number];
  });
}

export const onlyPort = (ranges: readonly [number, number][], port: number): boolean =>
  ranges.length > 0 && ranges.every(([a, b]) => a === port && b === port);

/** A string trimmed and lower-cased (Azure compares directions, access, protocols and tags case-insensitively). */
export const lowerText = (v: unknown): string | undefined => asString(v)?.trim().toLowerCase();

/** An NSG rule as a flat record: inline securityRules may nest their fields under `properties`. */
export function azureRule(raw: unknown): Props {
  const rule = asObject(raw) ?? {};
  return asObject(rule["properties"]) ?? rule;
}

/** An Azure rule's source or destination prefixes (the single one and the list), lower-cased. */
export function azurePrefixes(rule: Props, side: "source" | "destination"): string[] {
  return [rule[`${side}AddressPrefix`], ...asArray(rule[`${side}AddressPrefixes`])]
    .map(lowerText)
    .filter((s): s is string => !!s);
}
