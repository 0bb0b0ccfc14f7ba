/** Subnet layout of the standby VNet, a pure function of its address space. */
import { formatCidr, parseCidr } from "../common/cidr";

export type StandbySubnet = "apps" | "postgres" | "endpoints" | "gateway";

/** Subnet order inside the VNet; the gateway keeps its Azure-mandated name. */
export const SUBNET_ORDER: readonly StandbySubnet[] = ["apps", "postgres", "endpoints", "gateway"];

/** The ARM name of each subnet. `GatewaySubnet` is required by the VPN gateway. */
export const SUBNET_NAMES: Readonly<Record<StandbySubnet, string>> = {
  apps: "apps",
  postgres: "postgres",
  endpoints: "private-endpoints",
  gateway: "GatewaySubnet",
};


/**
 * Four equal subnets at the start of the VNet: /24 each for a /22 or larger VNet, else a quarter
 * of it (a /24 VNet gives four /26). Every subnet stays at /27 or larger, which the gateway,
 * Flex Consumption integration and the PostgreSQL delegation need. Undefined for a VNet smaller
 * than /24 or a malformed CIDR.
 */
export function standbySubnets(vnetCidr: string): Readonly<Record<StandbySubnet, string>> | undefined {
  const vnet = parseCidr(vnetCidr);
  if (!vnet || vnet.prefix > 24) return undefined;
  const prefix = Math.max(vnet.prefix + 2, 24);
  const size = 2 ** (32 - prefix);
  return Object.fromEntries(SUBNET_ORDER.map((s, i) => [s, formatCidr(vnet.address + i * size, prefix)])) as Record<StandbySubnet, string>;
}
