/**
 * A Key Vault secret declared through ARM needs a value: without one ARM answers "BadRequest: An
 * invalid value was provided for 'value'", and an empty value, where accepted, breaks every Key Vault
 * reference that reads it (App Service / Container Apps: "Unable to get value"), so the app that
 * depends on it fails at start instead of at deploy. A secret that operators fill later gets a
 * non-empty placeholder the app recognises (and `ignoreChanges: ["properties.value"]`).
 *
 * Sources: Azure/azure-quickstart-templates#6235, microsoft/azure-container-apps#1291,
 * https://learn.microsoft.com/en-us/azure/templates/microsoft.keyvault/vaults/secrets, issue 12 Minors.
 */
import { asObject, asString, forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const SECRET = "azure-native:keyvault:Secret";

export const keyVaultSecretValue = resourcePolicy({
  name: "key-vault-secret-value",
  description:
    "Key Vault secrets created through ARM carry a non-empty value (a placeholder for operator-filled ones).",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: [SECRET],
  fix:
    "Give properties.value a non-empty value; for a secret operators set later, a placeholder " +
    'such as "unset" that the app refuses, plus ignoreChanges ["properties.value"].',
  configSchema: { properties: {} },
  validateResource: forTypes([SECRET], (props, _args, report) => {
    const value = asObject(props["properties"])?.["value"];
    if (value === undefined || (typeof value === "string" && asString(value)!.trim() === "")) {
      report(
        `properties.value is ${value === undefined ? "missing (ARM: \"An invalid value was provided for 'value'\")" : 'empty, so every Key Vault reference to it fails ("Unable to get value")'}: set a non-empty value or a placeholder the app refuses.`,
      );
    }
  }),
});
