import { resource } from "../testing/fixtures";
import { describeCases } from "./testing";

describeCases("key-vault-secret-value", [
  {
    should: "report a secret created with an empty value",
    resources: [
      resource("azure-native:keyvault:Secret", "api-keys", { secretName: "api-key-hashes", properties: { value: "" } }),
    ],
    violations: [/properties.value is empty, so every Key Vault reference to it fails \("Unable to get value"\)/],
  },
  {
    should: "report a secret without a value (ARM: An invalid value was provided for 'value')",
    resources: [
      resource("azure-native:keyvault:Secret", "s", { secretName: "s", properties: { contentType: "text/plain" } }),
    ],
    violations: [/missing \(ARM: "An invalid value was provided for 'value'"\)/],
  },
  {
    should: "pass a placeholder value",
    resources: [resource("azure-native:keyvault:Secret", "s", { secretName: "s", properties: { value: "unset" } })],
    violations: [],
  },
]);

describeCases("log-retention-allowed-values", [
  {
    should: "report retentionInDays 500 and suggest 545",
    resources: [resource("aws:cloudwatch/logGroup:LogGroup", "g", { retentionInDays: 500 })],
    violations: [/retentionInDays 500 is not a period CloudWatch Logs accepts \(1, 3, 5.*3653\): use 545/],
  },
  {
    should: "pass 400",
    resources: [resource("aws:cloudwatch/logGroup:LogGroup", "g", { retentionInDays: 400 })],
    violations: [],
  },
  {
    should: "pass 0 (never expire) and unset",
    resources: [
      resource("aws:cloudwatch/logGroup:LogGroup", "g", { retentionInDays: 0 }),
      resource("aws:cloudwatch/logGroup:LogGroup", "h", {}),
    ],
    violations: [],
  },
  {
    should: "leave DELIVERY-class log groups alone (the service forces 2 days)",
    resources: [resource("aws:cloudwatch/logGroup:LogGroup", "g", { logGroupClass: "DELIVERY", retentionInDays: 2 })],
    violations: [],
  },
]);
