/**
 * EventBridge refuses a rate expression whose unit does not agree with its value
 * (`rate(1 minutes)`, `rate(5 minute)`), whose value is not a positive whole number, or whose unit
 * is finer than a minute (`rate(30 seconds)`): PutRule answers ValidationException "Parameter
 * ScheduleExpression is not valid". The rule is a platform fact (platform-rules/aws-timing.ts)
 * that the DR monitor's schedule (ReplicationMonitor.scheduleSeconds) is built from.
 *
 * Source: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html
 * (value: a positive number; unit singular for 1 and plural otherwise; minute, hour or day).
 */
import { parseRateExpression } from "../../../platform-rules/aws-timing";
import { forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const RULE = "aws:cloudwatch/eventRule:EventRule";
const SCHEDULE = "aws:scheduler/schedule:Schedule";

export const eventbridgeRateExpression = resourcePolicy({
  name: "eventbridge-rate-expression",
  description:
    "EventBridge rules and schedules with a rate expression use rate(<whole number> minute|minutes|hour|hours|day|days), singular for 1 and plural otherwise.",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: [RULE, SCHEDULE],
  fix: "Write rate(1 minute), rate(5 minutes), rate(1 hour), rate(2 days) (or a cron expression); build DR schedules with rateExpression() from platform-rules/aws-timing.ts.",
  configSchema: { properties: {} },
  validateResource: forTypes([RULE, SCHEDULE], (props, _args, report) => {
    const parsed = parseRateExpression(props["scheduleExpression"]);
    if (parsed && "problem" in parsed)
      report(`scheduleExpression ${parsed.problem}: EventBridge refuses it (ValidationException).`);
  }),
});
