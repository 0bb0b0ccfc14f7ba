/** Diagnostic settings that send a resource's logs and metrics to the standby's workspace. */
import * as monitor from "@pulumi/azure-native/monitor";
import * as pulumi from "@pulumi/pulumi";

/** What a resource type emits: NSGs have no metrics, storage accounts no logs (their services do). */
export type DiagnosticSignals = "logs-and-metrics" | "logs" | "metrics";

/** The metric category almost every resource type exposes. */
export const ALL_METRICS: readonly string[] = ["AllMetrics"];
/**
 * Storage accounts and their services (blob, queue, table, file) expose no `AllMetrics`: only
 * `Transaction` and `Capacity`, and ARM answers 400 BadRequest to anything else
 * (https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage-reference).
 */
export const STORAGE_METRICS: readonly string[] = ["Transaction", "Capacity"];

/**
 * A DiagnosticSetting `${name}-diagnostics` on `resourceUri`: every log through the `allLogs`
 * category group and the resource type's metric categories (default `AllMetrics`), to the
 * workspace in resource-specific tables.
 */
export function sendDiagnostics(
  name: string,
  resourceUri: pulumi.Input<string>,
  workspaceId: pulumi.Input<string>,
  signals: DiagnosticSignals,
  opts: pulumi.CustomResourceOptions,
  metricCategories: readonly string[] = ALL_METRICS,
): monitor.DiagnosticSetting {
  return new monitor.DiagnosticSetting(
    `${name}-diagnostics`,
    {
      name: "to-log-analytics",
      resourceUri,
      workspaceId,
      logAnalyticsDestinationType: "Dedicated",
      logs: signals === "metrics" ? [] : [{ categoryGroup: "allLogs", enabled: true }],
      metrics: signals === "logs" ? [] : metricCategories.map((category) => ({ category, enabled: true })),
    },
    opts,
  );
}
