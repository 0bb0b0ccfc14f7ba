/**
 * Observability of the standby: a Log Analytics workspace (every diagnostic setting sends
 * here) and a workspace-based Application Insights for the Function App. Local (key) auth is off
 * on both: writers authenticate with Entra ID.
 */
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as pulumi from "@pulumi/pulumi";
import { appInsightsRetentionFor } from "../../platform-rules/log-retention";

export interface StandbyMonitoringArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Days logs stay queryable: 365 to 730 (PCI DSS 10.5.1 keeps audit logs 12 months; all of them
   * stay searchable rather than three months hot plus archive). Default 400.
   */
  readonly retentionDays?: number;
  readonly statefulOptions?: pulumi.CustomResourceOptions;
}

export class StandbyMonitoring extends pulumi.ComponentResource {
  readonly workspaceId: pulumi.Output<string>;
  readonly appInsightsId: pulumi.Output<string>;
  readonly appInsightsConnectionString: pulumi.Output<string>;

  constructor(name: string, args: StandbyMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:azure:StandbyMonitoring", name, {}, opts);
    const retentionInDays = args.retentionDays ?? 400;
    const common = { resourceGroupName: args.resourceGroupName, location: args.location, tags: { ...args.tags } };
    const workspace = new operationalinsights.Workspace(
      `${name}-workspace`,
      {
        ...common,
        sku: { name: "PerGB2018" },
        retentionInDays,
        features: { disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true },
      },
      { parent: this, ...args.statefulOptions },
    );
    const insights = new applicationinsights.Component(
      `${name}-insights`,
      {
        ...common,
        kind: "web",
        applicationType: "web",
        workspaceResourceId: workspace.id,
        ingestionMode: "LogAnalytics",
        disableLocalAuth: true,
        // Workspace-based: data lives (and is retained) in the workspace, but ARM still checks the
        // property against its fixed periods, so ask for the shortest one covering the workspace's.
        retentionInDays: appInsightsRetentionFor(retentionInDays),
      },
      { parent: this },
    );
    this.workspaceId = workspace.id;
    this.appInsightsId = insights.id;
    this.appInsightsConnectionString = insights.connectionString;
    this.registerOutputs({
      workspaceId: this.workspaceId,
      appInsightsId: this.appInsightsId,
      appInsightsConnectionString: this.appInsightsConnectionString,
    });
  }
}
