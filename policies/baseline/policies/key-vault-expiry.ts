import { inputsPolicy } from "../../lib/inputs-policy";
import { at } from "../../lib/props";

const SECRET = "azure-native:keyvault:Secret";
const KEY = "azure-native:keyvault:Key";

export const keyVaultExpiry = inputsPolicy({
  name: "key-vault-expiry",
  description:
    "Key Vault secrets and keys carry an expiry (keys: an expiry attribute or a rotation " +
    "policy's expiryTime), so a credential or key cannot outlive its cryptoperiod unnoticed.",
  pci: ["3.6.1", "3.7.4", "8.3.9"],
  types: [SECRET, KEY],
  fix:
    "Secrets: set properties.attributes.expires (epoch seconds) and rotate before it. Keys: " +
    "set properties.rotationPolicy.attributes.expiryTime (e.g. P730D) with a Rotate action, or " +
    "properties.attributes.expires.",
  covers: { checkov: ["CKV_AZURE_40", "CKV_AZURE_41"] },
  problems: (props, type) => {
    if (type === SECRET) {
      return typeof at(props, "properties.attributes.expires") === "number"
        ? []
        : ["The secret never expires: set properties.attributes.expires and rotate it before that date."];
    }
    const expires =
      at(props, "properties.attributes.expires") ?? at(props, "properties.rotationPolicy.attributes.expiryTime");
    return expires !== undefined && expires !== ""
      ? []
      : [
          "The key never expires: set properties.rotationPolicy.attributes.expiryTime (e.g. P730D) or properties.attributes.expires.",
        ];
  },
});
