import { inputsPolicy } from "../../lib/inputs-policy";
import { asObject, asString, at } from "../../lib/props";

export const azureStorageEncryptionCmk = inputsPolicy({
  name: "azure-storage-encryption-cmk",
  description:
    "Azure storage accounts encrypt with a Key Vault customer-managed key and infrastructure (double) encryption.",
  types: ["azure-native:storage:StorageAccount"],
  fix: 'Set encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyName, keyVaultUri }, requireInfrastructureEncryption: true, identity }.',
  covers: { checkov: ["CKV2_AZURE_1"] },
  problems: (props) => {
    const encryption = asObject(props["encryption"]);
    const problems: string[] = [];
    const cmk =
      asString(encryption?.["keySource"])?.toLowerCase() === "microsoft.keyvault" &&
      !!asString(at(encryption, "keyVaultProperties.keyName")) &&
      !!asString(at(encryption, "keyVaultProperties.keyVaultUri"));
    if (!cmk)
      problems.push(
        'Storage account uses Microsoft-managed keys: set encryption.keySource to "Microsoft.Keyvault" with keyVaultProperties.keyName and keyVaultUri.',
      );
    if (encryption?.["requireInfrastructureEncryption"] !== true) {
      problems.push(
        "Infrastructure encryption is off: set encryption.requireInfrastructureEncryption to true (only possible at creation).",
      );
    }
    return problems;
  },
});
