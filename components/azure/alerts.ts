/**
 * Azure Monitor alerting for the cloud that serves traffic while AWS is down (issue 12, item 15):
 * one action group (the on-call e-mail addresses and, optionally, the pager's webhook), and
 * alert rules on
 *   - the AWS primary's /health, probed from five Azure locations (an Application Insights
 *     standard test): detection and paging that need nothing in AWS, let alone us-east-1;
 *   - the standby's /health through its front door (same kind of test);
 *   - the standby PostgreSQL server being up (`is_db_alive`) and its logical replication apply
 *     worker failing (a log query on the server's logs);
 *   - the Function App's failed requests.
 * Web tests need Application Insights' `hidden-link:<component id>` tag to be linked to it.
 */
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as monitor from "@pulumi/azure-native/monitor";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems } from "../common";

export interface StandbyAlertsArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  /** On-call e-mail addresses: at least one. */
  readonly emails: readonly string[];
  /** The pager's HTTPS webhook (e.g. an incident tool's events URL). Default none. */
  readonly webhookUrl?: pulumi.Input<string>;
  readonly appInsightsId: pulumi.Input<string>;
  readonly workspaceId: pulumi.Input<string>;
  readonly postgresServerId: pulumi.Input<string>;
  /** `https://<host><path>` of the AWS primary's health check (the stage's execute-api host). */
  readonly primaryHealthUrl: pulumi.Input<string>;
  /** `https://<front door host>/health` of the standby. */
  readonly standbyHealthUrl: pulumi.Input<string>;
  /** Failed requests per 5 minutes before the function-errors alert fires. Default 10. */
  readonly failedRequestsThreshold?: number;
}

/** Application Insights availability-test locations (ids, not region names): five US points of presence. */
export const WEB_TEST_LOCATIONS = [
  "us-va-ash-azr",
  "us-il-ch1-azr",
  "us-tx-sn1-azr",
  "us-ca-sjc-azr",
  "us-fl-mia-edge",
] as const;
/** Azure Monitor limits an action group's short name to 12 characters. */
const SHORT_NAME = "fx-dr-oncall";
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function standbyAlertsArgsProblems(
  args: Pick<StandbyAlertsArgs, "emails" | "failedRequestsThreshold">,
): readonly string[] {
  return collectProblems((p) => {
    if (args.emails.length === 0) p.add("emails", "list at least one on-call address");
    args.emails.forEach((e, i) => {
      if (!EMAIL.test(e)) p.add(`emails[${i}]`, `${JSON.stringify(e)} is not an e-mail address`);
    });
    const t = args.failedRequestsThreshold;
    if (t !== undefined && !(Number.isInteger(t) && t >= 1))
      p.add("failedRequestsThreshold", `must be a positive whole number; got ${t}`);
  });
}

export class StandbyAlerts extends pulumi.ComponentResource {
  readonly actionGroupId: pulumi.Output<string>;

  constructor(name: string, args: StandbyAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:azure:StandbyAlerts", name, {}, opts);
    assertValid("platform:azure:StandbyAlerts", name, standbyAlertsArgsProblems(args));
    const child = { parent: this };
    const rg = args.resourceGroupName;
    const tags = { ...args.tags };

    const group = new monitor.ActionGroup(
      `${name}-oncall`,
      {
        resourceGroupName: rg,
        location: "Global",
        tags,
        enabled: true,
        groupShortName: SHORT_NAME,
        emailReceivers: args.emails.map((emailAddress, i) => ({
          name: `oncall-${i + 1}`,
          emailAddress,
          useCommonAlertSchema: true,
        })),
        webhookReceivers:
          args.webhookUrl !== undefined
            ? [{ name: "pager", serviceUri: pulumi.secret(args.webhookUrl), useCommonAlertSchema: true }]
            : [],
      },
      child,
    );
    const actions = [{ actionGroupId: group.id }];

    const availability = (role: string, url: pulumi.Input<string>, description: string) => {
      const test = new applicationinsights.WebTest(
        `${name}-${role}-test`,
        {
          resourceGroupName: rg,
          location: args.location,
          // Links the test to the Application Insights component (required by the service).
          tags: pulumi.output(args.appInsightsId).apply((id) => ({ ...tags, [`hidden-link:${id}`]: "Resource" })),
          kind: "standard",
          webTestKind: "standard",
          syntheticMonitorId: `${name}-${role}`,
          enabled: true,
          frequency: 300,
          timeout: 30,
          retryEnabled: true,
          locations: WEB_TEST_LOCATIONS.map((location) => ({ location })),
          request: { requestUrl: url, httpVerb: "GET", followRedirects: false, parseDependentRequests: false },
          validationRules: { expectedHttpStatusCode: 200, sSLCheck: true, sSLCertRemainingLifetimeCheck: 14 },
          description,
        },
        child,
      );
      new monitor.MetricAlert(
        `${name}-${role}-down`,
        {
          resourceGroupName: rg,
          location: "global",
          tags,
          enabled: true,
          severity: 1,
          autoMitigate: true,
          description,
          scopes: [test.id, args.appInsightsId],
          evaluationFrequency: "PT1M",
          windowSize: "PT5M",
          criteria: {
            odataType: "Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria",
            webTestId: test.id,
            componentId: args.appInsightsId,
            failedLocationCount: 2,
          },
          actions,
        },
        child,
      );
    };
    availability(
      "primary",
      args.primaryHealthUrl,
      "The AWS primary API's /health fails from 2 of 5 Azure locations: start the failover " +
        "runbook (docs/runbooks/failover.md). Seen from Azure, so it pages while AWS is down.",
    );
    availability(
      "standby",
      args.standbyHealthUrl,
      "The Azure standby's /health through its front door fails from 2 of 5 locations: a " +
        "failover to it would fail (certificate, API-key secret, deployment, WAF).",
    );

    const metric = (
      role: string,
      scope: pulumi.Input<string>,
      description: string,
      c: { metricNamespace: string; metricName: string; operator: string; threshold: number; timeAggregation: string },
      windowSize = "PT5M",
    ) =>
      new monitor.MetricAlert(
        `${name}-${role}`,
        {
          resourceGroupName: rg,
          location: "global",
          tags,
          enabled: true,
          severity: 1,
          autoMitigate: true,
          description,
          scopes: [scope],
          evaluationFrequency: "PT1M",
          windowSize,
          criteria: {
            odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
            allOf: [{ criterionType: "StaticThresholdCriterion", name: role, ...c }],
          },
          actions,
        },
        child,
      );
    metric(
      "postgres-down",
      args.postgresServerId,
      "The standby PostgreSQL server reports not alive: replication and any failover are stopped.",
      {
        metricNamespace: "Microsoft.DBforPostgreSQL/flexibleServers",
        metricName: "is_db_alive",
        operator: "LessThan",
        threshold: 1,
        timeAggregation: "Minimum",
      },
    );
    metric(
      "function-errors",
      args.appInsightsId,
      "The standby API answers failed requests (5xx) above the threshold.",
      {
        metricNamespace: "microsoft.insights/components",
        metricName: "requests/failed",
        operator: "GreaterThan",
        threshold: args.failedRequestsThreshold ?? 10,
        timeAggregation: "Count",
      },
    );

    new monitor.ScheduledQueryRule(
      `${name}-replication-errors`,
      {
        resourceGroupName: rg,
        location: args.location,
        tags,
        enabled: true,
        severity: 1,
        kind: "LogAlert",
        autoMitigate: true,
        description:
          "The standby's logical replication apply worker logs errors: the subscription from Aurora is failing (docs/runbooks/failover.md, pre-checks).",
        scopes: [args.workspaceId],
        evaluationFrequency: "PT5M",
        windowSize: "PT10M",
        criteria: {
          allOf: [
            {
              query:
                "PGSQLServerLogs | where Category == 'PostgreSQLLogs' | where Message has_any ('logical " +
                "replication', 'apply worker') | where ErrorLevel in ('ERROR', 'FATAL', 'PANIC')",
              timeAggregation: "Count",
              operator: "GreaterThan",
              threshold: 0,
              failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
            },
          ],
        },
        actions: { actionGroups: [group.id] },
      },
      child,
    );

    this.actionGroupId = group.id;
    this.registerOutputs({ actionGroupId: this.actionGroupId });
  }
}
