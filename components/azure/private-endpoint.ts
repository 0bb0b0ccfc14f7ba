/** A private endpoint for one sub-resource of a service, registered in its private DNS zone. */
import * as network from "@pulumi/azure-native/network";
import type * as pulumi from "@pulumi/pulumi";

export interface PrivateEndpointArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The private endpoints subnet. */
  readonly subnetId: pulumi.Input<string>;
  /** The resource the endpoint connects to. */
  readonly targetId: pulumi.Input<string>;
  /** Sub-resource: `vault`, `blob`, `queue`… */
  readonly groupId: string;
  /** The privatelink DNS zone the endpoint's A record goes into. */
  readonly privateZoneId: pulumi.Input<string>;
}

export function privateEndpoint(
  name: string,
  args: PrivateEndpointArgs,
  opts: pulumi.CustomResourceOptions,
): network.PrivateEndpoint {
  const endpoint = new network.PrivateEndpoint(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      tags: { ...args.tags },
      subnet: { id: args.subnetId },
      privateLinkServiceConnections: [
        { name: args.groupId, privateLinkServiceId: args.targetId, groupIds: [args.groupId] },
      ],
    },
    opts,
  );
  new network.PrivateDnsZoneGroup(
    `${name}-dns`,
    {
      resourceGroupName: args.resourceGroupName,
      privateEndpointName: endpoint.name,
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [{ name: args.groupId, privateDnsZoneId: args.privateZoneId }],
    },
    opts,
  );
  return endpoint;
}
