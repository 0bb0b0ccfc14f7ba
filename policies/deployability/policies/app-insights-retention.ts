/**
 * Application Insights keeps data for one of a fixed set of periods: 30, 60, 90, 120, 180, 270,
 * 365, 550 or 730 days. Any other retentionInDays (the standby once asked for 400) is refused by
 * ARM. (Workspace-based components retain by their Log Analytics workspace; the property is
 * still validated.)
 *
 * Sources: https://learn.microsoft.com/en-us/azure/azure-monitor/app/data-retention-privacy#how-long-is-the-data-kept
 * (quoted in MicrosoftDocs/azure-docs#94880: "You can select a retention duration of 30, 60, 90,
 * 120, 180, 270, 365, 550 or 730 days"), issue 12 Minors.
 */
import { forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";
import { APP_INSIGHTS_RETENTION_DAYS } from "../../../platform-rules/log-retention";

const COMPONENT = "azure-native:applicationinsights:Component";
export { APP_INSIGHTS_RETENTION_DAYS };

export const appInsightsRetention = resourcePolicy({
  name: "app-insights-retention",
  description:
    "Application Insights retentionInDays is one of the periods the service offers (30, 60, 90, 120, 180, 270, 365, 550, 730).",
  enforcementLevel: "mandatory",
  pci: ["10.5.1"],
  resourceTypes: [COMPONENT],
  fix: "Set retentionInDays to 30, 60, 90, 120, 180, 270, 365, 550 or 730 (round up to keep at least what you need, e.g. 550 for 400).",
  configSchema: { properties: {} },
  validateResource: forTypes([COMPONENT], (props, _args, report) => {
    const days = props["retentionInDays"];
    if (days === undefined || (APP_INSIGHTS_RETENTION_DAYS as readonly unknown[]).includes(days)) return;
    const up = APP_INSIGHTS_RETENTION_DAYS.find((d) => typeof days === "number" && d >= days);
    report(
      `retentionInDays ${JSON.stringify(days)} is not a period Application Insights offers ` +
        `(${APP_INSIGHTS_RETENTION_DAYS.join(", ")})${up ? `: use ${up}` : ""}.`,
    );
  }),
});
