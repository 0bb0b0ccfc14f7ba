/** Diagnostic settings that send a resource's logs and metrics to the standby's workspace. */
import * as monitor from "@pulumi/azure-native/monitor";
import * as pulumi from "@pulumi/pulumi";

/** What a resource type emits: NSGs have no metrics, storage accounts no logs (their services do). */
export type DiagnosticSignals = "logs-and-metrics" | "logs" | "metrics";

/**
 * A DiagnosticSetting `${name}-diagnostics` on `resourceUri`: every log through the `allLogs`
 * category group and `AllMetrics`, to the workspace in resource-specific tables.
 */
export function sendDiagnostics(
  name: string,
  resourceUri: pulumi.Input<string>,
  workspaceId: pulumi.Input<string>,
  signals: DiagnosticSignals,
  opts: pulumi.CustomResourceOptions,
): monitor.DiagnosticSetting {
  return new monitor.DiagnosticSetting(
    `${name}-diagnostics`,
    {
      name: "to-log-analytics",
      resourceUri,
      workspaceId,
      logAnalyticsDestinationType: "Dedicated",
      logs: signals === "metrics" ? [] : [{ categoryGroup: "allLogs", enabled: true }],
      metrics: signals === "logs" ? [] : [{ category: "AllMetrics", enabled: true }],
    },
    opts,
  );
}
