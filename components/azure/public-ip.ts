/**
 * The standby's public IPv4 addresses (Azure Bastion's, the VPN gateway's): Standard SKU,
 * static, zone-redundant across zones 1-3. Basic public IPs were retired on 30 September 2025
 * and neither Bastion nor the AZ gateway SKUs take one; a Standard IP is always static; listing
 * all three zones makes it zone-redundant, matching the zone-redundant resources it fronts.
 * https://learn.microsoft.com/azure/virtual-network/ip-services/public-ip-addresses (SKUs, zones),
 * https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways.
 */
import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";

/** The zones of a zone-redundant public IP in a three-zone region (eastus2, centralus). */
export const ALL_ZONES: readonly string[] = ["1", "2", "3"];

/** A Standard, static, zone-redundant public IPv4 address `name` in the given group and location. */
export function zoneRedundantPublicIp(
  name: string,
  common: {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly location: pulumi.Input<string>;
    readonly tags: Readonly<Record<string, string>>;
  },
  opts: pulumi.CustomResourceOptions,
): network.PublicIPAddress {
  return new network.PublicIPAddress(
    name,
    {
      ...common,
      tags: { ...common.tags },
      sku: { name: "Standard", tier: "Regional" },
      publicIPAllocationMethod: "Static",
      publicIPAddressVersion: "IPv4",
      zones: [...ALL_ZONES],
    },
    opts,
  );
}
