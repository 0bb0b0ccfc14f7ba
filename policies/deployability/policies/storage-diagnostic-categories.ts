/**
 * Diagnostic settings on Azure Storage take only the categories storage defines. Metrics:
 * `Transaction` and `Capacity`; the `AllMetrics` shorthand other resources accept is refused
 * ("400 BadRequest: Metric category 'AllMetrics' is not supported, supported categories are:
 * 'Capacity;Transaction'"). Logs exist only on the blob/file/queue/table services
 * (StorageRead, StorageWrite, StorageDelete, or the allLogs/audit groups), not on the account.
 *
 * Sources: Azure/terraform-azurerm-avm-res-storage-storageaccount#325 (verbatim 400),
 * Azure/azure-powershell#6520 ("Metric category 'AllMetrics' is not supported"),
 * https://learn.microsoft.com/en-us/azure/azure-monitor/reference/supported-metrics/microsoft-storage-storageaccounts-metrics,
 * https://learn.microsoft.com/en-us/azure/storage/blobs/monitor-blob-storage-reference, issue 12 Found 1.
 */
import { asArray, asObject, asString, baseType, peek } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const DIAGNOSTIC_SETTING = "azure-native:monitor:DiagnosticSetting";
const STORAGE_TYPES = [
  "azure-native:storage:StorageAccount",
  "azure-native:storage:BlobServiceProperties",
  "azure-native:storage:FileServiceProperties",
  "azure-native:storage:QueueServiceProperties",
  "azure-native:storage:TableServiceProperties",
];

export const STORAGE_METRIC_CATEGORIES = ["Transaction", "Capacity"] as const;
export const STORAGE_SERVICE_LOG_CATEGORIES = ["StorageRead", "StorageWrite", "StorageDelete"] as const;
export const STORAGE_SERVICE_LOG_GROUPS = ["allLogs", "audit"] as const;

/** An ARM id of a storage account ("account") or of one of its services ("service"), else undefined. */
export function storageTarget(resourceUri: string | undefined): "account" | "service" | undefined {
  const m = resourceUri?.match(/\/providers\/Microsoft\.Storage\/storageAccounts?\/[^/]+(\/\w+Services\/[^/]+)?\/?$/i);
  return m ? (m[1] ? "service" : "account") : undefined;
}

function targetOf(setting: PolicyResource): "account" | "service" | undefined {
  const byUri = storageTarget(asString(peek(setting.props, "resourceUri")));
  if (byUri) return byUri;
  const deps = setting.propertyDependencies["resourceUri"] ?? [];
  if (
    deps.some(
      (d) => baseType(d.type) !== "azure-native:storage:StorageAccount" && STORAGE_TYPES.includes(baseType(d.type)),
    )
  )
    return "service";
  return deps.some((d) => baseType(d.type) === "azure-native:storage:StorageAccount") ? "account" : undefined;
}

export const storageDiagnosticCategories = stackPolicy({
  name: "storage-diagnostic-categories",
  description:
    "Diagnostic settings on Azure Storage use only storage's categories: metrics Transaction " +
    "and Capacity (no AllMetrics); logs only on the blob/file/queue/table services.",
  enforcementLevel: "mandatory",
  pci: ["10.2.1"],
  resourceTypes: [DIAGNOSTIC_SETTING],
  fix:
    'List metrics as { category: "Transaction" } and { category: "Capacity" } instead of ' +
    "AllMetrics; put log categories (StorageRead/StorageWrite/StorageDelete or allLogs) only " +
    "on the service-level (…/blobServices/default) setting.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    judgeEach(
      args.resources.filter((r) => baseType(r.type) === DIAGNOSTIC_SETTING),
      report,
      (setting) => {
        const target = targetOf(setting);
        if (!target) return;
        for (const m of asArray(peek(setting.props, "metrics"))) {
          const category = asString(asObject(m)?.["category"]);
          if (category && !(STORAGE_METRIC_CATEGORIES as readonly string[]).includes(category)) {
            report(
              `Diagnostic setting ${setting.name} on a storage ${target} sends metric category ` +
                `"${category}", which storage refuses (400 BadRequest: "Metric category '${category}' is ` +
                `not supported, supported categories are: 'Capacity;Transaction'"): list Transaction and ` +
                `Capacity instead.`,
              setting.urn,
            );
          }
        }
        for (const l of asArray(peek(setting.props, "logs"))) {
          const o = asObject(l);
          const category = asString(o?.["category"]);
          const group = asString(o?.["categoryGroup"]);
          const label = category ?? group ?? "(none)";
          if (target === "account") {
            report(
              `Diagnostic setting ${setting.name} targets the storage account itself, which has no log ` +
                `categories ("${label}" is refused): move logs to a setting on …/blobServices/default (and ` +
                `the other services you use).`,
              setting.urn,
            );
          } else if (
            (category && !(STORAGE_SERVICE_LOG_CATEGORIES as readonly string[]).includes(category)) ||
            (group && !(STORAGE_SERVICE_LOG_GROUPS as readonly string[]).includes(group))
          ) {
            report(
              `Diagnostic setting ${setting.name} sends log ${category ? "category" : "category group"} ` +
                `"${label}", which storage services do not define: use ` +
                `${STORAGE_SERVICE_LOG_CATEGORIES.join(", ")} or the groups ` +
                `${STORAGE_SERVICE_LOG_GROUPS.join(", ")}.`,
              setting.urn,
            );
          }
        }
      },
    );
  },
});
