/**
 * Every CloudWatch alarm tells someone on every state change: an alarm without actions is a
 * graph, not a control. AWS Config's CLOUDWATCH_ALARM_ACTION_CHECK (deployed by the PCI set)
 * flags alarms without alarm and insufficient-data actions after deploy; this catches them before.
 */
import { asArray, peek } from "../../lib/props";
import { stackPolicy } from "../../lib/types";

export const ALARM_TYPES = ["aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/compositeAlarm:CompositeAlarm"];
export const ACTION_PROPS = ["alarmActions", "okActions", "insufficientDataActions"] as const;

export const alarmActionsRouted = stackPolicy({
  name: "alarm-actions-routed",
  description: "Every CloudWatch alarm notifies an SNS topic on ALARM, OK and INSUFFICIENT_DATA.",
  enforcementLevel: "mandatory",
  pci: ["10.7.2"],
  resourceTypes: ALARM_TYPES,
  fix:
    "Give the alarm alarmActions, okActions and insufficientDataActions: the page or ticket " +
    "topic of AlertRouting (platform:alerts), in the alarm's own region.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const alarms = args.resources.filter((r) => ALARM_TYPES.includes(r.type));
    if (alarms.length === 0) return args.notApplicable("The stack has no CloudWatch alarms");
    for (const alarm of alarms) {
      const missing = ACTION_PROPS.filter((prop) => {
        const actions = asArray(peek(alarm.props, prop));
        return (
          actions.length === 0 ||
          !actions.every((a) => typeof a !== "string" || a.startsWith("arn:aws:sns:") || !a.startsWith("arn:"))
        );
      });
      if (missing.length > 0)
        report(
          `Alarm ${alarm.name} notifies no SNS topic on ${missing.join(", ")}: an alarm nobody hears ` +
            `is no control. Route it to the page or ticket topic (AlertRouting).`,
          alarm.urn,
        );
    }
  },
});
