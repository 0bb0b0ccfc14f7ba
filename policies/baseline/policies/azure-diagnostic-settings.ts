import { judgeEach } from "../../lib/judge";
import { asArray, asObject, asString, baseType, dependsThrough, readConfig, typeMatches } from "../../lib/props";
import { stackPolicy, type PolicyConfigSchema, type PolicyResource } from "../../lib/types";

const SETTING = "azure-native:monitor:DiagnosticSetting";

interface Config {
  readonly types: readonly string[];
}

const schema: PolicyConfigSchema = {
  properties: {
    types: {
      type: "array",
      items: { type: "string", minLength: 1 },
      uniqueItems: true,
      default: [
        "azure-native:keyvault:Vault",
        "azure-native:storage:StorageAccount",
        "azure-native:dbforpostgresql:Server",
        "azure-native:web:WebApp",
        "azure-native:network:NetworkSecurityGroup",
        "azure-native:network:PublicIPAddress",
        "azure-native:network:VirtualNetworkGateway",
        "azure-native:network:ApplicationGateway",
        "azure-native:network:AzureFirewall",
        "azure-native:network:FrontDoorWebApplicationFirewallPolicy",
        "azure-native:cdn:Profile",
        "azure-native:frontdoor:FrontDoor",
        "azure-native:sql:Server",
        "azure-native:documentdb:DatabaseAccount",
        "azure-native:containerservice:ManagedCluster",
        "azure-native:apimanagement:ApiManagementService",
        "azure-native:eventhub:Namespace",
        "azure-native:servicebus:Namespace",
        "azure-native:containerregistry:Registry",
      ],
      description:
        "Resource types (trailing * allowed) that emit resource logs or metrics through diagnostic settings and must send them to a workspace or archive.",
    },
  },
};

/** The setting names a destination and turns at least one log or metric category on. */
function delivers(setting: PolicyResource): boolean {
  const destination = ["workspaceId", "storageAccountId", "eventHubAuthorizationRuleId"].some(
    (k) => !!asString(setting.props[k]),
  );
  const enabled = [...asArray(setting.props["logs"]), ...asArray(setting.props["metrics"])].some(
    (c) => asObject(c)?.["enabled"] === true,
  );
  return destination && enabled;
}

export const azureDiagnosticSettings = stackPolicy({
  name: "azure-diagnostic-settings",
  description:
    "Every Azure resource of a type that supports diagnostic settings sends its logs (or, where it has none, metrics) to a Log Analytics workspace or archive.",
  enforcementLevel: "mandatory",
  pci: ["10.2.1", "10.3.3", "10.4.1"],
  resourceTypes: [SETTING, "azure-native:* (types in config)"],
  fix:
    "Add an azure-native monitor.DiagnosticSetting with resourceUri the resource's id, " +
    'workspaceId the platform workspace, and logs [{ categoryGroup: "allLogs", enabled: true ' +
    "}] (metrics AllMetrics where the type has no logs).",
  covers: { checkov: ["CKV_AZURE_4"] },
  configSchema: schema,
  validateStack: (args, report) => {
    const { types } = readConfig<Config>(args, schema);
    const settings = args.resources.filter((r) => baseType(r.type) === SETTING);
    judgeEach(
      args.resources.filter((r) => typeMatches(r.type, types)),
      report,
      (resource) => {
        const mine = settings.filter((s) => dependsThrough(s, "resourceUri").has(resource.urn));
        if (mine.length === 0)
          report(
            `${resource.name} has no diagnostic setting: add a monitor.DiagnosticSetting with resourceUri its id and workspaceId the platform workspace.`,
            resource.urn,
          );
        else if (!mine.some(delivers))
          report(
            `${resource.name}'s diagnostic setting sends nothing: name a workspace and enable allLogs (or AllMetrics).`,
            mine[0].urn,
          );
      },
    );
  },
});
