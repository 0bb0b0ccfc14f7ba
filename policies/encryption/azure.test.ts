import { describeCases } from "../testing/cases";
import { KEY_URI, resource } from "../testing/fixtures";

const STORAGE = "azure-native:storage:StorageAccount";
const PG = "azure-native:dbforpostgresql:Server";
const PG_CONFIG = "azure-native:dbforpostgresql:Configuration";
const VAULT = "azure-native:keyvault:Vault";
const cmkEncryption = {
  keySource: "Microsoft.Keyvault",
  keyVaultProperties: { keyName: "cmk", keyVaultUri: "https://kv.vault.azure.net/" },
  requireInfrastructureEncryption: true,
};
const storage = (inputs: Record<string, unknown>) =>
  resource(STORAGE, "s", {
    encryption: cmkEncryption,
    minimumTlsVersion: "TLS1_2",
    enableHttpsTrafficOnly: true,
    allowBlobPublicAccess: false,
    publicNetworkAccess: "Disabled",
    ...inputs,
  });

describeCases("azure-storage-encryption-cmk", [
  {
    should: "pass a storage account on a Key Vault key with infrastructure encryption",
    resources: [storage({})],
    violation: null,
  },
  {
    should: "report Microsoft-managed keys",
    resources: [
      storage({ encryption: { ...cmkEncryption, keySource: "Microsoft.Storage", keyVaultProperties: undefined } }),
    ],
    violation: /Microsoft.Keyvault/,
  },
  {
    should: "report infrastructure encryption off",
    resources: [storage({ encryption: { ...cmkEncryption, requireInfrastructureEncryption: false } })],
    violation: /requireInfrastructureEncryption/,
  },
]);

describeCases("azure-postgres-encryption-cmk", [
  {
    should: "pass a server with Key Vault data encryption",
    resources: [resource(PG, "pg", { dataEncryption: { type: "AzureKeyVault", primaryKeyURI: KEY_URI } })],
    violation: null,
  },
  {
    should: "report service-managed keys",
    resources: [resource(PG, "pg", { dataEncryption: { type: "SystemManaged" } })],
    violation: /AzureKeyVault/,
  },
  { should: "report a server without dataEncryption", resources: [resource(PG, "pg", {})], violation: /primaryKeyURI/ },
  {
    should: "skip a read replica, which takes its source's key",
    resources: [resource(PG, "pg", { createMode: "Replica" })],
    violation: null,
  },
]);

describeCases("azure-key-vault-protection", [
  {
    should: "pass a vault with purge protection",
    resources: [resource(VAULT, "v", { properties: { enablePurgeProtection: true, publicNetworkAccess: "Disabled" } })],
    violation: null,
  },
  {
    should: "report a vault without purge protection",
    resources: [resource(VAULT, "v", { properties: {} })],
    violation: /enablePurgeProtection/,
  },
  {
    should: "report a vault with soft delete off",
    resources: [resource(VAULT, "v", { properties: { enablePurgeProtection: true, enableSoftDelete: false } })],
    violation: /Soft delete is off/,
  },
]);

describeCases("azure-secure-transport", [
  { should: "pass a storage account on TLS1_2, HTTPS only", resources: [storage({})], violation: null },
  {
    should: "report a storage account on TLS1_0",
    resources: [storage({ minimumTlsVersion: "TLS1_0" })],
    violation: /minimumTlsVersion is TLS1_0/,
  },
  {
    should: "report a storage account that leaves the minimum TLS version unset",
    resources: [storage({ minimumTlsVersion: undefined })],
    violation: /minimumTlsVersion is unset/,
  },
  {
    should: "report a storage account that allows HTTP",
    resources: [storage({ enableHttpsTrafficOnly: false })],
    violation: /enableHttpsTrafficOnly/,
  },
  {
    should: "pass a web app with httpsOnly and TLS 1.2",
    resources: [resource("azure-native:web:WebApp", "w", { httpsOnly: true, siteConfig: { minTlsVersion: "1.2" } })],
    violation: null,
  },
  {
    should: "report a web app without httpsOnly",
    resources: [resource("azure-native:web:WebApp", "w", { siteConfig: { minTlsVersion: "1.2" } })],
    violation: /httpsOnly/,
  },
  {
    should: "report a web app on TLS 1.0",
    resources: [resource("azure-native:web:WebApp", "w", { httpsOnly: true, siteConfig: { minTlsVersion: "1.0" } })],
    violation: /siteConfig.minTlsVersion is 1.0/,
  },
  {
    should: "report PostgreSQL ssl_min_protocol_version below TLSv1.2",
    resources: [resource(PG_CONFIG, "c", { configurationName: "ssl_min_protocol_version", value: "TLSv1.1" })],
    violation: /TLSv1.2 or TLSv1.3/,
  },
  {
    should: "pass PostgreSQL ssl_min_protocol_version TLSv1.3",
    resources: [resource(PG_CONFIG, "c", { configurationName: "ssl_min_protocol_version", value: "TLSv1.3" })],
    violation: null,
  },
  {
    should: "report PostgreSQL require_secure_transport off",
    resources: [resource(PG_CONFIG, "c", { configurationName: "require_secure_transport", value: "OFF" })],
    violation: /require_secure_transport is off/,
  },
  {
    should: "check any other Azure resource's minimum TLS version",
    resources: [resource("azure-native:cache:Redis", "r", { minimumTlsVersion: "1.1" })],
    violation: /minimumTlsVersion is 1.1/,
  },
]);

describeCases("azure-public-access-disabled", [
  { should: "pass a private storage account", resources: [storage({})], violation: null },
  {
    should: "report a storage account open to public networks",
    resources: [storage({ publicNetworkAccess: "Enabled" })],
    violation: /publicNetworkAccess is Enabled/,
  },
  {
    should: "report a storage account that allows public blobs",
    resources: [storage({ allowBlobPublicAccess: true })],
    violation: /allowBlobPublicAccess/,
  },
  {
    should: "report a PostgreSQL server that does not disable public access",
    resources: [resource(PG, "pg", { network: {} })],
    violation: /network.publicNetworkAccess is unset/,
  },
  {
    should: "pass a PostgreSQL server with public access disabled",
    resources: [resource(PG, "pg", { network: { publicNetworkAccess: "Disabled" } })],
    violation: null,
  },
  {
    should: "report a Key Vault open to public networks",
    resources: [resource(VAULT, "v", { properties: { publicNetworkAccess: "Enabled", enablePurgeProtection: true } })],
    violation: /properties.publicNetworkAccess/,
  },
  {
    should: "report any other Azure resource that enables public network access",
    resources: [resource("azure-native:servicebus:Namespace", "n", { publicNetworkAccess: "Enabled" })],
    violation: /"Disabled"/,
  },
  {
    should: "let internet-facing web apps keep public access",
    resources: [resource("azure-native:web:WebApp", "w", { publicNetworkAccess: "Enabled" })],
    violation: null,
  },
]);
