import { inputsPolicy } from "../../lib/inputs-policy";
import { asObject, asString } from "../../lib/props";

export const azurePostgresEncryptionCmk = inputsPolicy({
  name: "azure-postgres-encryption-cmk",
  description: "Azure Database for PostgreSQL flexible servers encrypt data with a Key Vault customer-managed key.",
  types: ["azure-native:dbforpostgresql:Server"],
  fix: 'Set dataEncryption: { type: "AzureKeyVault", primaryKeyURI, primaryUserAssignedIdentityId } (and a user-assigned identity).',
  problems: (props) => {
    // Replicas and point-in-time restores take the source server's key.
    const createMode = asString(props["createMode"])?.toLowerCase();
    if (createMode === "replica" || createMode === "pointintimerestore" || createMode === "georestore") return [];
    const encryption = asObject(props["dataEncryption"]);
    return asString(encryption?.["type"]) === "AzureKeyVault" && !!asString(encryption?.["primaryKeyURI"])
      ? []
      : [
          'Server uses service-managed keys: set dataEncryption.type to "AzureKeyVault" and dataEncryption.primaryKeyURI to a Key Vault key.',
        ];
  },
});
