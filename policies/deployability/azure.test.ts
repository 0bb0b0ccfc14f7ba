import assert from "node:assert/strict";
import type { PlanResource } from "../../platform-rules/plan-format";
import { resource, urnOf } from "../testing/fixtures";
import { FLEX_PLAN, flexApp, LOCKED_WEB_CONFIG, webConfigDeployment } from "../testing/flex-sites";
import { describeCases } from "./testing";

const ACCOUNT_ID = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/fxdrstore";
const SETTING = "azure-native:monitor:DiagnosticSetting";
const setting = (uri: string, body: Record<string, unknown>) =>
  resource(SETTING, "diag", { name: "to-log-analytics", resourceUri: uri, workspaceId: "ws", ...body });

describeCases("storage-diagnostic-categories", [
  {
    should: "report AllMetrics on the storage account (400: supported categories are 'Capacity;Transaction')",
    resources: [setting(ACCOUNT_ID, { metrics: [{ category: "AllMetrics", enabled: true }] })],
    violations: [/sends metric category "AllMetrics", which storage refuses \(400 BadRequest.*'Capacity;Transaction'/],
  },
  {
    should: "pass Transaction and Capacity on the account",
    resources: [
      setting(ACCOUNT_ID, {
        metrics: [
          { category: "Transaction", enabled: true },
          { category: "Capacity", enabled: true },
        ],
      }),
    ],
    violations: [],
  },
  {
    should: "report AllMetrics on the blob service too",
    resources: [
      setting(`${ACCOUNT_ID}/blobServices/default`, {
        logs: [{ categoryGroup: "allLogs", enabled: true }],
        metrics: [{ category: "AllMetrics" }],
      }),
    ],
    violations: [/storage service sends metric category "AllMetrics"/],
  },
  {
    should: "report logs on the account itself, which has no log categories",
    resources: [setting(ACCOUNT_ID, { logs: [{ categoryGroup: "allLogs", enabled: true }] })],
    violations: [/targets the storage account itself, which has no log categories/],
  },
  {
    should: "pass StorageRead/Write/Delete on the blob service",
    resources: [
      setting(`${ACCOUNT_ID}/blobServices/default`, {
        logs: ["StorageRead", "StorageWrite", "StorageDelete"].map((category) => ({ category, enabled: true })),
      }),
    ],
    violations: [],
  },
  {
    should: "report a log category storage services do not define",
    resources: [setting(`${ACCOUNT_ID}/queueServices/default`, { logs: [{ category: "AuditEvent" }] })],
    violations: [/log category "AuditEvent", which storage services do not define/],
  },
  {
    should: "find the storage target through the resourceUri dependency when the id is not known yet",
    resources: (() => {
      const a = resource("azure-native:storage:StorageAccount", "acct", { accountName: "fxdrstore" });
      return [
        a,
        resource(
          SETTING,
          "diag",
          { resourceUri: "computed-later", metrics: [{ category: "AllMetrics" }] },
          { propertyDependencies: { resourceUri: [a.urn] } },
        ),
      ];
    })(),
    violations: [/AllMetrics/],
  },
  {
    should: "leave AllMetrics on other resource types (Key Vault) alone",
    resources: [
      setting("/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv", {
        metrics: [{ category: "AllMetrics" }],
      }),
    ],
    violations: [],
  },
]);

describeCases("app-insights-retention", [
  {
    should: "report retentionInDays 400 and suggest 550",
    resources: [resource("azure-native:applicationinsights:Component", "ai", { retentionInDays: 400 })],
    violations: [
      /retentionInDays 400 is not a period Application Insights offers \(30, 60, 90, 120, 180, 270, 365, 550, 730\): use 550/,
    ],
  },
  {
    should: "pass 365",
    resources: [resource("azure-native:applicationinsights:Component", "ai", { retentionInDays: 365 })],
    violations: [],
  },
  {
    should: "pass an unset retention (the 90-day default)",
    resources: [resource("azure-native:applicationinsights:Component", "ai", {})],
    violations: [],
  },
  {
    should: "report a retention past the 730-day maximum without a suggestion",
    resources: [resource("azure-native:applicationinsights:Component", "ai", { retentionInDays: 1000 })],
    violations: [/retentionInDays 1000 is not a period Application Insights offers \([^)]*\)\.$/],
  },
]);

const PLAN = resource("azure-native:web:AppServicePlan", "plan", {
  sku: { name: "FC1", tier: "FlexConsumption" },
  kind: "functionapp",
});
const site = (body: Record<string, unknown>, plan: PlanResource = PLAN) =>
  resource(
    "azure-native:web:WebApp",
    "app",
    { kind: "functionapp,linux", serverFarmId: "farm", ...body },
    { propertyDependencies: { serverFarmId: [plan.urn] } },
  );

describeCases("flex-consumption-site-config", [
  {
    should: "report a Flex app whose siteConfig carries ftpsState and azure-native's netFrameworkVersion v4.6",
    resources: [
      PLAN,
      site({ siteConfig: { ftpsState: "Disabled", netFrameworkVersion: "v4.6", minTlsVersion: "1.2" } }),
    ],
    violations: [
      /app is a Flex Consumption app and its siteConfig sets netFrameworkVersion, ftpsState, which ARM rejects on Flex sites .*v4\.6 is what azure-native fills into every siteConfig/,
    ],
  },
  {
    should: "pass a Flex app without siteConfig",
    resources: [PLAN, site({ functionAppConfig: { runtime: { name: "node", version: "22" } } })],
    violations: [],
  },
  {
    should: "recognise a Flex app by functionAppConfig alone",
    resources: [
      site(
        { functionAppConfig: {}, siteConfig: { use32BitWorkerProcess: false } },
        resource("azure-native:web:AppServicePlan", "other", {}),
      ),
    ],
    violations: [/sets use32BitWorkerProcess/],
  },
  {
    should: "leave a siteConfig on a non-Flex (Premium) plan alone",
    resources: (() => {
      const p = resource("azure-native:web:AppServicePlan", "premium", {
        sku: { name: "EP1", tier: "ElasticPremium" },
      });
      return [p, site({ siteConfig: { ftpsState: "Disabled", netFrameworkVersion: "v4.6" } }, p)];
    })(),
    violations: [],
  },
  {
    should: "report an ARM deployment that writes ftpsState into a Flex app's config/web",
    resources: [
      FLEX_PLAN,
      flexApp(),
      webConfigDeployment({ ...LOCKED_WEB_CONFIG, ftpsState: "Disabled", use32BitWorkerProcess: false }),
    ],
    violations: [
      /flex-origin-lock writes ftpsState, use32BitWorkerProcess into the Microsoft\.Web\/sites\/config web of Flex Consumption app flex, which ARM rejects/,
    ],
  },
  {
    should: "pass an ARM deployment that writes only Flex-valid web config",
    resources: [FLEX_PLAN, flexApp(), webConfigDeployment()],
    violations: [],
  },
  {
    should: "take the rejected list from config",
    resources: [PLAN, site({ siteConfig: { ftpsState: "Disabled" } })],
    violations: [],
    config: { "flex-consumption-site-config": { rejectedProperties: ["netFrameworkVersion"] } },
  },
]);

const account = (sku: string) =>
  resource("azure-native:storage:StorageAccount", "acct", { accountName: "fxdrstore", sku: { name: sku } });
const lifecycle = (actions: Record<string, unknown>, acct: PlanResource) =>
  resource(
    "azure-native:storage:ManagementPolicy",
    "lifecycle",
    {
      accountName: "fxdrstore",
      managementPolicyName: "default",
      policy: {
        rules: [
          {
            name: "audit-tiering",
            enabled: true,
            type: "Lifecycle",
            definition: { actions, filters: { blobTypes: ["blockBlob"] } },
          },
        ],
      },
    },
    { propertyDependencies: { accountName: [acct.urn] } },
  );

describeCases("archive-tier-redundancy", [
  {
    should: "report tierToArchive on an RA-GZRS account",
    resources: (() => {
      const a = account("Standard_RAGZRS");
      return [a, lifecycle({ baseBlob: { tierToArchive: { daysAfterModificationGreaterThan: 90 } } }, a)];
    })(),
    violations: [
      /lifecycle moves blobs to Archive \(rules audit-tiering\) on acct, a Standard_RAGZRS account, which has no Archive tier/,
    ],
  },
  {
    should: "report tierToArchive on versions of a ZRS account",
    resources: (() => {
      const a = account("Standard_ZRS");
      return [a, lifecycle({ version: { tierToArchive: { daysAfterCreationGreaterThan: 90 } } }, a)];
    })(),
    violations: [/Standard_ZRS/],
  },
  {
    should: "pass tierToCold on an RA-GZRS account",
    resources: (() => {
      const a = account("Standard_RAGZRS");
      return [a, lifecycle({ baseBlob: { tierToCold: { daysAfterModificationGreaterThan: 90 } } }, a)];
    })(),
    violations: [],
  },
  {
    should: "pass tierToArchive on an RA-GRS account",
    resources: (() => {
      const a = account("Standard_RAGRS");
      return [a, lifecycle({ baseBlob: { tierToArchive: { daysAfterModificationGreaterThan: 90 } } }, a)];
    })(),
    violations: [],
  },
]);

const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const identity = resource(IDENTITY, "storage-identity", {});
const grant = resource(
  "azure-native:authorization:RoleAssignment",
  "storage-key-user",
  { principalId: "p", roleDefinitionId: "crypto-user", scope: "kv/keys/k" },
  { propertyDependencies: { principalId: [identity.urn] } },
);
const cmkAccount = (deps: string[] = []) => {
  const r = resource(
    "azure-native:storage:StorageAccount",
    "acct",
    {
      accountName: "fxdrstore",
      encryption: { keySource: "Microsoft.Keyvault", encryptionIdentity: { encryptionUserAssignedIdentity: "id" } },
    },
    { propertyDependencies: { encryption: [identity.urn] } },
  );
  return { ...r, dependencies: [...r.dependencies, ...deps] };
};

describeCases("azure-cmk-after-role-assignment", [
  {
    should: "report a CMK storage account that does not wait for its identity's key role assignment",
    resources: [identity, grant, cmkAccount()],
    violations: [
      /acct unwraps its customer-managed key as storage-identity but may be created before that identity's role assignment \(storage-key-user\)/,
    ],
  },
  {
    should: "pass a CMK storage account that depends on the role assignment",
    resources: [identity, grant, cmkAccount([grant.urn])],
    violations: [],
  },
  {
    should: "report a PostgreSQL server with a CMK identity but no ordering",
    resources: [
      identity,
      grant,
      resource(
        "azure-native:dbforpostgresql:Server",
        "pg",
        { dataEncryption: { type: "AzureKeyVault", primaryUserAssignedIdentityId: "id" } },
        { propertyDependencies: { dataEncryption: [identity.urn] } },
      ),
    ],
    violations: [/pg unwraps its customer-managed key/],
  },
  {
    should: "leave a Microsoft-managed-key account alone",
    resources: [
      identity,
      grant,
      resource(
        "azure-native:storage:StorageAccount",
        "acct",
        { encryption: { keySource: "Microsoft.Storage" } },
        { propertyDependencies: { encryption: [identity.urn] } },
      ),
    ],
    violations: [],
  },
  {
    should: "require a propagation wait between the assignment and the consumer when waitTypes is set",
    resources: [identity, grant, cmkAccount([grant.urn])],
    violations: [/RBAC propagates eventually: wait for one of time:index\/sleep:Sleep/],
    config: { "azure-cmk-after-role-assignment": { waitTypes: ["time:index/sleep:Sleep"] } },
  },
  {
    should: "pass with a propagation wait that follows the assignment",
    resources: (() => {
      const wait = {
        ...resource("time:index/sleep:Sleep", "rbac-wait", { createDuration: "120s" }),
        dependencies: [grant.urn],
      };
      return [identity, grant, wait, cmkAccount([wait.urn])];
    })(),
    violations: [],
    config: { "azure-cmk-after-role-assignment": { waitTypes: ["time:index/sleep:Sleep"] } },
  },
]);

describe("deployability stack policies during preview", () => {
  it("should confine an unknown value to the resource it belongs to (advisory there, mandatory elsewhere)", async () => {
    const { findingsOf } = await import("./testing");
    const known = setting(ACCOUNT_ID, { metrics: [{ category: "AllMetrics" }] });
    const unknown = {
      ...setting(`${ACCOUNT_ID}/blobServices/default`, {
        metrics: [{ category: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }],
      }),
      name: "diag-2",
      urn: known.urn.replace(/diag$/, "diag-2"),
    };
    const findings = await findingsOf("storage-diagnostic-categories", [known, unknown]);
    const levels = findings.map((f) => `${f.urn?.split("::").pop()}:${f.enforcementLevel}`).sort();
    assert.deepEqual(levels, ["diag-2:advisory", "diag:mandatory"]);
  });
});

describe("deployability policies on version-pinned azure-native tokens", () => {
  it("should judge azure-native:storage/v20230101:StorageAccount as a storage account (name rules)", async () => {
    const { messagesOf } = await import("./testing");
    const messages = await messagesOf("physical-name-limits", [
      resource("azure-native:storage/v20230101:StorageAccount", "s", { accountName: "Not-Valid" }),
    ]);
    assert.match(messages[0] ?? "", /accountName "Not-Valid" is not valid for azure-native:storage:StorageAccount/);
  });

  it("should judge a pinned WebApp and plan as a Flex Consumption app", async () => {
    const { messagesOf } = await import("./testing");
    const plan = resource("azure-native:web/v20240401:AppServicePlan", "plan", {
      sku: { name: "FC1", tier: "FlexConsumption" },
    });
    const app = resource(
      "azure-native:web/v20240401:WebApp",
      "app",
      { siteConfig: { netFrameworkVersion: "v4.6" } },
      { propertyDependencies: { serverFarmId: [plan.urn] } },
    );
    assert.equal((await messagesOf("flex-consumption-site-config", [plan, app])).length, 1);
  });
});

const BASTION_NSG = "azure-native:network:NetworkSecurityGroup";
const allow = (
  name: string,
  direction: string,
  source: string,
  destination: string,
  ports: string[],
  protocol = "Tcp",
) => ({
  name,
  direction,
  access: "Allow",
  protocol,
  sourceAddressPrefix: source,
  sourcePortRange: "*",
  destinationAddressPrefix: destination,
  ...(ports.length === 1 ? { destinationPortRange: ports[0] } : { destinationPortRanges: ports }),
});
/** Microsoft's required rules for AzureBastionSubnet (https://learn.microsoft.com/azure/bastion/bastion-nsg). */
const REQUIRED = [
  allow("AllowHttpsInbound", "Inbound", "Internet", "*", ["443"]),
  allow("AllowGatewayManagerInbound", "Inbound", "GatewayManager", "*", ["443"]),
  allow("AllowAzureLoadBalancerInbound", "Inbound", "AzureLoadBalancer", "*", ["443"]),
  allow("AllowBastionHostCommunication", "Inbound", "VirtualNetwork", "VirtualNetwork", ["8080", "5701"], "*"),
  allow("AllowSshRdpOutbound", "Outbound", "*", "VirtualNetwork", ["22", "3389"]),
  allow("AllowAzureCloudOutbound", "Outbound", "*", "AzureCloud", ["443"]),
  allow("AllowBastionCommunication", "Outbound", "VirtualNetwork", "VirtualNetwork", ["8080", "5701"], "*"),
  allow("AllowHttpOutbound", "Outbound", "*", "Internet", ["80"]),
];
const without = (name: string) => REQUIRED.filter((r) => r.name !== name);

function attached(securityRules: unknown[], subnet = "AzureBastionSubnet") {
  const nsgId =
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/bastion-nsg0a1b2c3d";
  return [
    resource(BASTION_NSG, "bastion-nsg", { resourceGroupName: "rg", securityRules }),
    resource(
      "azure-native:network:VirtualNetwork",
      "vnet",
      {
        resourceGroupName: "rg",
        subnets: [{ name: subnet, addressPrefix: "10.1.4.0/26", networkSecurityGroup: { id: nsgId } }],
      },
      { propertyDependencies: { subnets: [urnOf(BASTION_NSG, "bastion-nsg")] } },
    ),
  ];
}

describeCases("bastion-nsg-required-rules", [
  {
    should: "pass an NSG on AzureBastionSubnet with every required rule",
    resources: attached(REQUIRED),
    violations: [],
  },
  {
    should: "report an NSG on AzureBastionSubnet without the GatewayManager control-plane rule",
    resources: attached(without("AllowGatewayManagerInbound")),
    violations: [
      /bastion-nsg is the NSG of AzureBastionSubnet but lacks AllowGatewayManagerInbound \(inbound 443 from GatewayManager\): Azure refuses the NSG/,
    ],
  },
  {
    should: "report an NSG on AzureBastionSubnet without the data-plane ports to the VNet",
    resources: attached(without("AllowBastionCommunication")),
    violations: [/lacks AllowBastionCommunication \(outbound 8080\/5701 to VirtualNetwork\)/],
  },
  {
    should: "report a data-plane rule that opens 8080 but not 5701",
    resources: attached([
      ...without("AllowBastionHostCommunication"),
      allow("AllowBastionHostCommunication", "Inbound", "VirtualNetwork", "VirtualNetwork", ["8080"], "*"),
    ]),
    violations: [/lacks AllowBastionHostCommunication/],
  },
  {
    should: "leave an NSG of another subnet alone",
    resources: attached([REQUIRED[0]], "management"),
    violations: [],
  },
]);

const armDeployment = (properties: Record<string, unknown>) =>
  resource("azure-native:resources:Deployment", "lock", { resourceGroupName: "rg", properties });
describeCases("arm-deployment-incremental", [
  {
    should: "pass an Incremental deployment",
    resources: [armDeployment({ mode: "Incremental", template: {} })],
    violations: [],
  },
  {
    should: "report a Complete deployment, which deletes the rest of the resource group",
    resources: [armDeployment({ mode: "Complete", template: {} })],
    violations: [/properties\.mode is Complete: in Complete mode ARM deletes every resource of the resource group/],
  },
]);

describeCases("azure-role-propagation-wait", [
  {
    should: "report a consumer ordered right after a role assignment with no wait",
    resources: [identity, grant, { ...resource("azure-native:web:WebApp", "app", {}), dependencies: [grant.urn] }],
    violations: [
      /app is created right after the role assignment storage-key-user, but Azure RBAC propagates eventually .*put a time:index\/sleep:Sleep that depends on it/,
    ],
  },
  {
    should: "pass a consumer that also waits for a sleep following the assignment",
    resources: (() => {
      const wait = {
        ...resource("time:index/sleep:Sleep", "wait", { createDuration: "120s" }),
        dependencies: [grant.urn],
      };
      return [
        identity,
        grant,
        wait,
        { ...resource("azure-native:web:WebApp", "app", {}), dependencies: [grant.urn, wait.urn] },
      ];
    })(),
    violations: [],
  },
  {
    should: "report a consumer whose sleep does not follow the assignment",
    resources: (() => {
      const wait = resource("time:index/sleep:Sleep", "wait", { createDuration: "120s" });
      return [
        identity,
        grant,
        wait,
        { ...resource("azure-native:web:WebApp", "app", {}), dependencies: [grant.urn, wait.urn] },
      ];
    })(),
    violations: [/app is created right after the role assignment storage-key-user/],
  },
  {
    should: "leave the sleep itself alone (it is what follows the assignment)",
    resources: [identity, grant, { ...resource("time:index/sleep:Sleep", "wait", {}), dependencies: [grant.urn] }],
    violations: [],
  },
]);
