/** Built-in Azure role definitions the standby assigns (ids are the same in every tenant). */
import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import * as time from "@pulumiverse/time";

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
  /** People: create, update and delete secrets (PIM-eligible only). */
  keyVaultSecretsOfficer: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
  /** People: import and renew certificates (PIM-eligible only). */
  keyVaultCertificatesOfficer: "a4417e6f-fecd-4de8-b567-7b0420556985",
  /** People: read vault, key and secret metadata (no values). */
  keyVaultReader: "21090545-7ca7-4776-b22c-e363652d74d2",
  /** People: Entra ID SSH sign-in to a VM as a regular user. */
  virtualMachineUserLogin: "fb879df8-f326-4884-b1cf-06f3ad86be52",
  /** Read a resource (Azure Bastion needs it on the Bastion host, the VM and its NIC). */
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;
export type RoleAssignment = authorization.RoleAssignment;

/** Subscription-scoped role definition id of a built-in role. */
export function roleDefinitionId(subscriptionId: pulumi.Input<string>, role: BuiltInRole): pulumi.Output<string> {
  return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`;
}

/** Grants `role` on `scope` to a managed identity (service principal) or, with `principalType: "Group"`, an Entra group. */
export function grant(
  name: string,
  args: {
    readonly subscriptionId: pulumi.Input<string>;
    readonly role: BuiltInRole;
    readonly scope: pulumi.Input<string>;
    readonly principalId: pulumi.Input<string>;
    readonly principalType?: "ServicePrincipal" | "Group";
  },
  opts: pulumi.CustomResourceOptions,
): authorization.RoleAssignment {
  return new authorization.RoleAssignment(
    name,
    {
      principalId: args.principalId,
      principalType: args.principalType ?? "ServicePrincipal",
      roleDefinitionId: roleDefinitionId(args.subscriptionId, args.role),
      scope: args.scope,
    },
    opts,
  );
}

/**
 * Makes an Entra group ELIGIBLE for `role` on `scope` through Privileged Identity Management:
 * members activate it for a time-boxed, justified, audited session instead of holding it.
 * No expiry (the default PIM policy for Azure resource roles allows permanent eligibility).
 */
export function eligible(
  name: string,
  args: {
    readonly subscriptionId: pulumi.Input<string>;
    readonly role: BuiltInRole;
    readonly scope: pulumi.Input<string>;
    readonly groupId: pulumi.Input<string>;
  },
  opts: pulumi.CustomResourceOptions,
): authorization.PimRoleEligibilitySchedule {
  return new authorization.PimRoleEligibilitySchedule(
    name,
    {
      principalId: args.groupId,
      roleDefinitionId: roleDefinitionId(args.subscriptionId, args.role),
      scope: args.scope,
      justification: "DR on-call: write access to the standby vault during failover and certificate renewal",
      scheduleInfo: { expiration: { type: "NoExpiration" } },
    },
    opts,
  );
}

/**
 * Default seconds to wait after role assignments before creating what uses them. Azure RBAC is
 * eventually consistent: Microsoft says a new assignment can take up to about ten minutes to
 * take effect (usually far less), and a consumer created in that window fails (storage:
 * KeyVaultAccessForbidden; PostgreSQL: "The server could not access the key"; Key Vault
 * references and Front Door certificates: 403). 120 s covers the usual case; raise it where a
 * first `pulumi up` still fails (re-running it also works once the role has propagated).
 * https://learn.microsoft.com/azure/role-based-access-control/troubleshooting
 */
export const DEFAULT_RBAC_PROPAGATION_SECONDS = 120;
/** Longest wait accepted: Microsoft's worst case (ten minutes) with room to spare. */
export const MAX_RBAC_PROPAGATION_SECONDS = 1800;

/** Why `seconds` is not a propagation wait (a whole number from 1 to 1800); undefined when it is. */
export function propagationSecondsProblem(seconds: number): string | undefined {
  if (Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_RBAC_PROPAGATION_SECONDS) return undefined;
  return `must be a whole number of seconds from 1 to ${MAX_RBAC_PROPAGATION_SECONDS} (Azure RBAC propagates in up to about ten minutes); got ${seconds}`;
}

/**
 * A `time.Sleep` of `seconds` after `assignments` (keyed by a stable label): make the consumer
 * depend on it. Its triggers are the assignments' ids, so replacing one waits again before the
 * consumer is touched; on a plain update the sleep is not re-run.
 */
export function propagationWait(
  name: string,
  assignments: Readonly<Record<string, authorization.RoleAssignment>>,
  seconds: number,
  opts: pulumi.CustomResourceOptions,
): time.Sleep {
  return new time.Sleep(
    name,
    {
      createDuration: `${seconds}s`,
      triggers: Object.fromEntries(Object.entries(assignments).map(([label, a]) => [label, a.id])),
    },
    { ...opts, dependsOn: Object.values(assignments) },
  );
}
