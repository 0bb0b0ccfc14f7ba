/** Subnet layout of the standby VNet, a pure function of its address space. */
import { formatCidr, parseCidr } from "../common/cidr";

export type StandbySubnet =
  "apps" | "postgres" | "endpoints" | "gateway" | "bastion" | "management" | "dnsInbound" | "dnsOutbound";

/** Subnet order inside the VNet; the first four keep their original places (never renumber a live subnet). */
export const SUBNET_ORDER: readonly StandbySubnet[] = [
  "apps",
  "postgres",
  "endpoints",
  "gateway",
  "bastion",
  "management",
  "dnsInbound",
  "dnsOutbound",
];

/** The ARM name of each subnet. `GatewaySubnet` and `AzureBastionSubnet` are names Azure requires. */
export const SUBNET_NAMES: Readonly<Record<StandbySubnet, string>> = {
  apps: "apps",
  postgres: "postgres",
  endpoints: "private-endpoints",
  gateway: "GatewaySubnet",
  bastion: "AzureBastionSubnet",
  management: "management",
  dnsInbound: "dns-inbound",
  dnsOutbound: "dns-outbound",
};

/** The operator-access and DNS resolver subnets inside the fifth /24: [offset, prefix]. */
const FIFTH_BLOCK: ReadonlyArray<readonly [StandbySubnet, number, number]> = [
  // Azure Bastion needs a /26 or larger subnet named AzureBastionSubnet.
  ["bastion", 0, 26],
  ["management", 64, 26],
  // DNS Private Resolver endpoints need a dedicated, delegated /28 (min) each.
  ["dnsInbound", 128, 28],
  ["dnsOutbound", 144, 28],
];

/**
 * Four equal /24 subnets at the start of the VNet (apps, postgres, endpoints, gateway), then the
 * fifth /24 split into AzureBastionSubnet /26, management /26, dns-inbound /28 and dns-outbound
 * /28. Needs a /16 to /21 VNet; undefined for a smaller VNet or a malformed CIDR.
 */
export function standbySubnets(vnetCidr: string): Readonly<Record<StandbySubnet, string>> | undefined {
  const vnet = parseCidr(vnetCidr);
  if (!vnet || vnet.prefix > 21) return undefined;
  const size = 2 ** 8;
  const first = Object.fromEntries(
    SUBNET_ORDER.slice(0, 4).map((s, i) => [s, formatCidr(vnet.address + i * size, 24)]),
  );
  const fifth = Object.fromEntries(
    FIFTH_BLOCK.map(([s, offset, prefix]) => [s, formatCidr(vnet.address + 4 * size + offset, prefix)]),
  );
  return { ...first, ...fifth } as Record<StandbySubnet, string>;
}
