/**
 * The tag that declares a deliberate public entry point (an internet-facing load balancer's
 * security group, Azure Bastion's subnet NSG): set by the components that build one, read by the
 * baseline pack's ingress policies. Declared on the resource so it shows in every inventory.
 */
export const PUBLIC_ENTRY_POINT_TAG = "PublicEntryPoint";
