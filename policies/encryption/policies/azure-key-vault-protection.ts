import { inputsPolicy } from "../../lib/inputs-policy";
import { asObject } from "../../lib/props";

export const azureKeyVaultProtection = inputsPolicy({
  name: "azure-key-vault-protection",
  description:
    "Key vaults keep soft delete and purge protection on, so keys protecting cardholder data cannot be destroyed early.",
  pci: ["3.6.1", "3.7.2", "3.7.5"],
  types: ["azure-native:keyvault:Vault"],
  fix: "Set properties.enablePurgeProtection: true and leave properties.enableSoftDelete unset or true.",
  covers: { checkov: ["CKV_AZURE_42", "CKV_AZURE_110", "CKV_AZURE_111"] },
  problems: (props) => {
    const p = asObject(props["properties"]);
    const problems: string[] = [];
    if (p?.["enablePurgeProtection"] !== true)
      problems.push("Purge protection is off: set properties.enablePurgeProtection to true.");
    if (p?.["enableSoftDelete"] === false)
      problems.push("Soft delete is off: remove properties.enableSoftDelete or set it to true.");
    return problems;
  },
});
