/**
 * Azure Bastion's subnet and the NSG attached to it. Bastion only runs in a subnet named
 * AzureBastionSubnet, and an NSG on that subnet must carry Microsoft's required rules or the
 * NSG's creation or update fails (https://learn.microsoft.com/azure/bastion/bastion-nsg). The
 * same rules are the only internet exposure such an NSG may have.
 */
import { azurePortRanges, azurePrefixes, lowerText as lower, onlyPort } from "./network";
import { asArray, asObject, asString, baseType, dependsThrough, peek, tryRead, type Props } from "./props";
import type { PolicyResource } from "./types";

export const BASTION_SUBNET = "AzureBastionSubnet";
export const BASTION_NSG_DOC = "https://learn.microsoft.com/azure/bastion/bastion-nsg";

const NSG = "azure-native:network:NetworkSecurityGroup";
const VNET = "azure-native:network:VirtualNetwork";
const SUBNET = "azure-native:network:Subnet";

/**
 * Whether `nsgId` (an ARM id, known once the NSG exists or under the mock engine) names `nsg`:
 * its last segment is the NSG's given name, or its logical name plus azure-native's auto-name
 * suffix.
 */
function names(nsg: PolicyResource, nsgId: string): boolean {
  const last = nsgId.split("/").pop()?.toLowerCase() ?? "";
  const given = [peek(nsg.props, "networkSecurityGroupName"), peek(nsg.props, "name")]
    .map(lower)
    .filter((n): n is string => !!n);
  if (given.length > 0) return given.includes(last);
  const logical = nsg.name.toLowerCase();
  return last.startsWith(logical) && /^[a-z0-9]{6,10}$/.test(last.slice(logical.length));
}

/**
 * The URNs of the NSGs attached to an AzureBastionSubnet, through a VNet's inline subnets or a
 * standalone Subnet resource. A subnet whose NSG id is not known yet (the first preview) links
 * through its property dependency only when that names a single NSG.
 */
export function bastionSubnetNsgs(resources: readonly PolicyResource[]): Set<string> {
  const groups = resources.filter((r) => baseType(r.type) === NSG);
  const found = new Set<string>();
  const link = (candidates: readonly PolicyResource[], nsgId: unknown): void => {
    const id = asString(nsgId);
    const hits = id ? candidates.filter((g) => names(g, id)) : candidates.length === 1 ? candidates : [];
    for (const g of hits) found.add(g.urn);
  };
  for (const r of resources) {
    const type = baseType(r.type);
    if (type === VNET) {
      const deps = dependsThrough(r, "subnets");
      const candidates = groups.filter((g) => deps.has(g.urn));
      for (const raw of tryRead(() => asArray(r.props["subnets"])) ?? []) {
        const subnet = asObject(raw) ?? {};
        if (tryRead(() => subnet["name"]) !== BASTION_SUBNET) continue;
        const id = tryRead(() => asObject(subnet["networkSecurityGroup"])?.["id"]);
        // Several NSGs feed the subnets list: without the id the link is ambiguous, so none.
        if (asString(id)) link(candidates, id);
      }
    } else if (type === SUBNET) {
      const name = tryRead(() => r.props["subnetName"]) ?? tryRead(() => r.props["name"]);
      if (name !== BASTION_SUBNET) continue;
      const deps = dependsThrough(r, "networkSecurityGroup");
      link(
        groups.filter((g) => deps.has(g.urn)),
        tryRead(() => asObject(r.props["networkSecurityGroup"])?.["id"]),
      );
    }
  }
  return found;
}

/** An Allow rule in `direction` from `source` to `destination` on exactly `ports` over `protocol`. */
export interface RuleShape {
  readonly name: string;
  readonly direction: "Inbound" | "Outbound";
  readonly source: string;
  readonly destination: string;
  readonly ports: readonly number[];
  readonly protocol: "Tcp" | "*";
}

/**
 * Microsoft's required rules for an NSG on AzureBastionSubnet: clients on 443 from the internet,
 * the control plane (GatewayManager) and the load balancer's probes on 443, the data plane on
 * 8080/5701 within the VNet both ways, SSH/RDP out to the VNet, 443 out to AzureCloud and 80 out
 * to the internet (session and certificate validation).
 */
export const BASTION_REQUIRED_RULES: readonly RuleShape[] = [
  {
    name: "AllowHttpsInbound",
    direction: "Inbound",
    source: "Internet",
    destination: "*",
    ports: [443],
    protocol: "Tcp",
  },
  {
    name: "AllowGatewayManagerInbound",
    direction: "Inbound",
    source: "GatewayManager",
    destination: "*",
    ports: [443],
    protocol: "Tcp",
  },
  {
    name: "AllowAzureLoadBalancerInbound",
    direction: "Inbound",
    source: "AzureLoadBalancer",
    destination: "*",
    ports: [443],
    protocol: "Tcp",
  },
  {
    name: "AllowBastionHostCommunication",
    direction: "Inbound",
    source: "VirtualNetwork",
    destination: "VirtualNetwork",
    ports: [8080, 5701],
    protocol: "*",
  },
  {
    name: "AllowSshRdpOutbound",
    direction: "Outbound",
    source: "*",
    destination: "VirtualNetwork",
    ports: [22, 3389],
    protocol: "Tcp",
  },
  {
    name: "AllowAzureCloudOutbound",
    direction: "Outbound",
    source: "*",
    destination: "AzureCloud",
    ports: [443],
    protocol: "Tcp",
  },
  {
    name: "AllowBastionCommunication",
    direction: "Outbound",
    source: "VirtualNetwork",
    destination: "VirtualNetwork",
    ports: [8080, 5701],
    protocol: "*",
  },
  {
    name: "AllowHttpOutbound",
    direction: "Outbound",
    source: "*",
    destination: "Internet",
    ports: [80],
    protocol: "Tcp",
  },
];

/** The ports a rule opens, each range expanded when small (Bastion's rules are single ports). */
function ports(rule: Props): Set<number> | undefined {
  const ranges = azurePortRanges(rule["destinationPortRange"], rule["destinationPortRanges"]);
  const out = new Set<number>();
  for (const [a, b] of ranges) {
    if (b - a > 16) return undefined;
    for (let p = a; p <= b; p++) out.add(p);
  }
  return out;
}

/** Whether `rule` allows at least the flow `shape` requires (same direction, source, destination, ports). */
export function allows(rule: Props, shape: RuleShape): boolean {
  if (lower(rule["direction"]) !== shape.direction.toLowerCase() || lower(rule["access"]) !== "allow") return false;
  const protocol = lower(rule["protocol"]);
  if (shape.protocol === "Tcp" ? protocol !== "tcp" && protocol !== "*" : protocol !== "*") return false;
  const matches = (side: "source" | "destination", want: string): boolean => {
    const got = azurePrefixes(rule, side);
    return want === "*" ? got.includes("*") : got.includes(want.toLowerCase()) || got.includes("*");
  };
  if (!matches("source", shape.source) || !matches("destination", shape.destination)) return false;
  const open = ports(rule);
  if (!open) return azurePortRanges(rule["destinationPortRange"], rule["destinationPortRanges"]).length > 0;
  return shape.ports.every((p) => open.has(p));
}

/**
 * Microsoft's AllowHttpsInbound and nothing broader: TCP only, port 443 only. The one inbound
 * internet rule an NSG on AzureBastionSubnet may have.
 */
export function isBastionClientRule(rule: Props): boolean {
  return (
    lower(rule["protocol"]) === "tcp" &&
    onlyPort(azurePortRanges(rule["destinationPortRange"], rule["destinationPortRanges"]), 443)
  );
}
