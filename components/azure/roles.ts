/** Built-in Azure role definitions the standby assigns (ids are the same in every tenant). */
import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";

export const BUILT_IN_ROLES = {
  /** Wrap/unwrap with a key: PostgreSQL and storage customer-managed keys. */
  keyVaultCryptoServiceEncryptionUser: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
  /** Read secret values: Key Vault references in app settings. */
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
  /** Blob data incl. leases: the Functions host and the Flex deployment container. */
  storageBlobDataOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
  /** Queue data: the Functions host's internal queues. */
  storageQueueDataContributor: "974c5e8b-45b9-4653-ba55-5f855dd0a19b",
  /** Send metrics and telemetry to Application Insights with Entra auth (local auth is off). */
  monitoringMetricsPublisher: "3913510d-42f4-4e42-8a64-420c390055eb",
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/** Subscription-scoped role definition id of a built-in role. */
export function roleDefinitionId(subscriptionId: pulumi.Input<string>, role: BuiltInRole): pulumi.Output<string> {
  return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`;
}

/** Grants `role` on `scope` to a managed identity (service principal). */
export function grant(
  name: string,
  args: { readonly subscriptionId: pulumi.Input<string>; readonly role: BuiltInRole; readonly scope: pulumi.Input<string>; readonly principalId: pulumi.Input<string> },
  opts: pulumi.CustomResourceOptions,
): authorization.RoleAssignment {
  return new authorization.RoleAssignment(
    name,
    { principalId: args.principalId, principalType: "ServicePrincipal", roleDefinitionId: roleDefinitionId(args.subscriptionId, args.role), scope: args.scope },
    opts,
  );
}
