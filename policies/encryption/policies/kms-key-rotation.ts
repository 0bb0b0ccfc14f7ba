import { inputsPolicy } from "../../lib/inputs-policy";
import { asArray, asObject, asString, at } from "../../lib/props";

const AWS_KEY = "aws:kms/key:Key";
const AZURE_KEY = "azure-native:keyvault:Key";

export const kmsKeyRotation = inputsPolicy({
  name: "kms-key-rotation",
  description: "Symmetric AWS KMS keys and Azure Key Vault keys rotate automatically.",
  pci: ["3.6.1", "3.7.4"],
  types: [AWS_KEY, AZURE_KEY],
  fix: "AWS: set enableKeyRotation: true. Azure: give the key a rotationPolicy with a Rotate lifetime action.",
  covers: { checkov: ["CKV_AWS_7"], cdkNag: ["AwsSolutions-KMS5", "PCIDSS321KMSBackingKeyRotationEnabled"] },
  problems: (props, type) => {
    if (type === AWS_KEY) {
      // Asymmetric and HMAC keys cannot rotate automatically; AWS rejects the setting. keySpec is
      // the current input, customerMasterKeySpec its deprecated alias; either may carry the spec.
      const spec = asString(props["keySpec"]) ?? asString(props["customerMasterKeySpec"]) ?? "SYMMETRIC_DEFAULT";
      if (spec !== "SYMMETRIC_DEFAULT" || props["customKeyStoreId"] !== undefined) return [];
      return props["enableKeyRotation"] === true ? [] : ["Key does not rotate: set enableKeyRotation to true."];
    }
    const actions = asArray(at(props, "properties.rotationPolicy.lifetimeActions"));
    const rotates = actions.some((a) => asString(at(asObject(a), "action.type"))?.toLowerCase() === "rotate");
    return rotates
      ? []
      : ["Key does not rotate: set properties.rotationPolicy.lifetimeActions to include an action of type Rotate."];
  },
});
