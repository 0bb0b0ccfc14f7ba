/**
 * A resource encrypted with a customer-managed key unwraps it with a user-assigned identity at
 * create time, so the identity's Key Vault role (Key Vault Crypto Service Encryption User) must
 * exist first: created in parallel, storage fails with "The operation failed because the
 * requested Key Vault key could not be accessed" / KeyVaultAccessForbidden, and PostgreSQL
 * flexible server with "The server could not access the key". Azure RBAC also propagates
 * eventually (up to about ten minutes), so even a dependency can be too early; teams that add a
 * propagation wait can make this policy require it (`waitTypes`).
 *
 * Sources: https://learn.microsoft.com/en-us/azure/storage/common/customer-managed-keys-configure-new-account
 * ("assign the Key Vault Crypto Service Encryption User role to the user-assigned managed identity"
 * before creating the account), https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-data-encryption,
 * https://learn.microsoft.com/en-us/azure/role-based-access-control/troubleshooting#symptom---role-assignment-changes-are-not-being-detected,
 * issue 12 Minors.
 */
import { asObject, asString, baseType, peek, readConfig } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy, type PolicyResource } from "../../lib/types";
import { DependencyGraph } from "../support/graph";

const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";

/** CMK consumers: type → the input carrying the key and identity, and whether it is on. */
export const CMK_CONSUMERS: Readonly<
  Record<string, { readonly field: string; readonly usesCmk: (v: Readonly<Record<string, unknown>>) => boolean }>
> = {
  "azure-native:storage:StorageAccount": {
    field: "encryption",
    usesCmk: (e) => asString(e["keySource"])?.toLowerCase() === "microsoft.keyvault",
  },
  "azure-native:dbforpostgresql:Server": {
    field: "dataEncryption",
    usesCmk: (e) => asString(e["type"]) === "AzureKeyVault",
  },
};

const configSchema = {
  properties: {
    waitTypes: {
      type: "array" as const,
      items: { type: "string" as const },
      default: [],
      description:
        "Resource types that wait for RBAC propagation (e.g. time:index/sleep:Sleep); when set, a " +
        "consumer must wait for one that waits for the role assignment.",
    },
  },
};

export const azureCmkAfterRoleAssignment = stackPolicy({
  name: "azure-cmk-after-role-assignment",
  description:
    "Azure resources encrypted with a customer-managed key are created after the role assignment that lets their identity use the key.",
  enforcementLevel: "mandatory",
  pci: ["3.6.1"],
  resourceTypes: [...Object.keys(CMK_CONSUMERS), ROLE_ASSIGNMENT],
  fix: "Put the identity's Key Vault role assignment (Key Vault Crypto Service Encryption User on the key or vault) in the encrypted resource's dependsOn.",
  configSchema,
  validateStack: (args, report) => {
    const { waitTypes } = readConfig<{ waitTypes: readonly string[] }>(args, configSchema);
    const consumers = args.resources.filter((r) => baseType(r.type) in CMK_CONSUMERS);
    if (consumers.length === 0) return;
    const graph = new DependencyGraph(args.resources);
    const assignments = args.resources.filter((r) => baseType(r.type) === ROLE_ASSIGNMENT);
    const waits = args.resources.filter((r) => waitTypes.includes(r.type));
    judgeEach(consumers, report, (consumer) => {
      const { field, usesCmk } = CMK_CONSUMERS[baseType(consumer.type)];
      const settings = asObject(peek(consumer.props, field));
      if (!settings || !usesCmk(settings)) return;
      const identities = (consumer.propertyDependencies[field] ?? []).filter((d) => baseType(d.type) === IDENTITY);
      for (const identity of identities) {
        const grants = assignments.filter((a) =>
          (a.propertyDependencies["principalId"] ?? []).some((d) => d.urn === identity.urn),
        );
        if (grants.length === 0) continue; // granted outside the stack (or by access policy): nothing to order
        if (!grants.some((g) => graph.waitsFor(consumer, g))) {
          report(
            `${consumer.name} unwraps its customer-managed key as ${identity.name} but may be created ` +
              `before that identity's role assignment (${grants.map((g) => g.name).join(", ")}): Azure ` +
              `then refuses the key. Add the role assignment to ${consumer.name}'s dependsOn.`,
            consumer.urn,
          );
        } else if (
          waitTypes.length > 0 &&
          !waits.some((w: PolicyResource) => graph.waitsFor(consumer, w) && grants.some((g) => graph.waitsFor(w, g)))
        ) {
          report(
            `${consumer.name} follows ${identity.name}'s role assignment directly, but RBAC propagates ` +
              `eventually: wait for one of ${waitTypes.join(", ")} that itself follows the assignment.`,
            consumer.urn,
          );
        }
      }
    });
  },
});
