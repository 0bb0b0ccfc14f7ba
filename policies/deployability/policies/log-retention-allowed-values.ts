/**
 * CloudWatch Logs takes a fixed set of retention periods; any other retentionInDays is refused by
 * PutRetentionPolicy ("Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150,
 * 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]"). The set is a platform fact
 * (platform-rules/log-retention.ts) that config validation and components read as well.
 *
 * Sources: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html,
 * @pulumi/aws cloudwatch/logGroup.d.ts (retentionInDays: the same list; 0 = never expire).
 */
import { CLOUDWATCH_RETENTION_DAYS } from "../../../platform-rules/log-retention";
import { forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

export const logRetentionAllowedValues = resourcePolicy({
  name: "log-retention-allowed-values",
  description:
    "CloudWatch log groups set retentionInDays to one of the periods CloudWatch Logs accepts (or leave it unset / 0 for never expire).",
  enforcementLevel: "mandatory",
  pci: ["10.5.1"],
  resourceTypes: [LOG_GROUP],
  fix: "Set retentionInDays to an allowed period (e.g. 365, 400, 545, 731); round up to keep at least what you need.",
  configSchema: { properties: {} },
  validateResource: forTypes([LOG_GROUP], (props, _args, report) => {
    if (props["logGroupClass"] === "DELIVERY") return; // the service forces 2 days and ignores the input
    const days = props["retentionInDays"];
    if (days === undefined || days === 0 || (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days as number))
      return;
    const up = CLOUDWATCH_RETENTION_DAYS.find((d) => typeof days === "number" && d >= days);
    report(
      `retentionInDays ${JSON.stringify(days)} is not a period CloudWatch Logs accepts (${CLOUDWATCH_RETENTION_DAYS.join(", ")})${up ? `: use ${up}` : ""}.`,
    );
  }),
});
