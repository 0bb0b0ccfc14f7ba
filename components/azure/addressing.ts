/** Subnet layout of the standby VNet, a pure function of its address space. */

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

function parse(cidr: string): { address: number; prefix: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  return address % 2 ** (32 - prefix) === 0 ? { address, prefix } : undefined;
}

const format = (address: number, prefix: number) =>
  `${[24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".")}/${prefix}`;

/**
 * Four equal subnets at the start of the VNet: /24 each for a /22 or larger VNet, else a quarter
 * of it (a /24 VNet gives four /26). Every subnet stays at /27 or larger, which the gateway,
 * Flex Consumption integration and the PostgreSQL delegation need. Undefined for a VNet smaller
 * than /24 or a malformed CIDR.
 */
export function standbySubnets(vnetCidr: string): Readonly<Record<StandbySubnet, string>> | undefined {
  const vnet = parse(vnetCidr);
  if (!vnet || vnet.prefix > 24) return undefined;
  const prefix = Math.max(vnet.prefix + 2, 24);
  const size = 2 ** (32 - prefix);
  return Object.fromEntries(SUBNET_ORDER.map((s, i) => [s, format(vnet.address + i * size, prefix)])) as Record<StandbySubnet, string>;
}
