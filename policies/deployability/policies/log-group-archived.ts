/**
 * Every CloudWatch Logs log group is subscribed to a Kinesis Data Firehose stream (the log
 * archive), so its events outlive the group's retention: PCI DSS 10.5.1 keeps audit logs 12
 * months, three of them at hand. A log group created outside the stack program's recorder
 * (stacks/compose/log-archive.ts) would keep its events only for its own retention.
 *
 * Sources: issue 16 item 3; https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#FirehoseExample;
 * platform-rules/log-archive.ts isFirehoseArn.
 */
import { isFirehoseArn } from "../../../platform-rules/log-archive";
import { asString, peek } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy } from "../../lib/types";

const FILTER = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";

export const logGroupArchived = stackPolicy({
  name: "log-group-archived",
  description:
    "Every CloudWatch Logs log group has a subscription filter to a Kinesis Data Firehose stream (the log archive), so no event lives only as long as the group's retention.",
  enforcementLevel: "mandatory",
  pci: ["10.5.1"],
  resourceTypes: [LOG_GROUP, FILTER],
  fix: "Create the log group after recordLogGroups() in stacks/main.ts (the stack subscribes every recorded group), or subscribe it with LogArchive.subscribe(group, name).",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const filters = args.resources.filter((r) => r.type === FILTER);
    const toFirehose = (f: (typeof filters)[number]) =>
      isFirehoseArn(peek(f.props, "destinationArn")) ||
      (f.propertyDependencies["destinationArn"] ?? []).some((d) => d.type === STREAM);
    judgeEach(
      args.resources.filter((r) => r.type === LOG_GROUP),
      report,
      (group) => {
        const name = asString(group.props["name"]);
        const archived = filters.some(
          (f) =>
            ((f.propertyDependencies["logGroup"] ?? []).some((d) => d.urn === group.urn) ||
              (name !== undefined && asString(f.props["logGroup"]) === name)) &&
            toFirehose(f),
        );
        if (!archived) {
          report(
            `${group.name} has no subscription filter to the log archive's Firehose stream: its events are gone after ${String(group.props["retentionInDays"] ?? "its")} days, short of the archive's retention (PCI DSS 10.5.1). Create it after recordLogGroups() or call LogArchive.subscribe.`,
            group.urn,
          );
        }
      },
    );
  },
});
