/**
 * CloudWatch Logs accepts at most two subscription filters per log group; a third fails at
 * PutSubscriptionFilter with "LimitExceededException: Resource limit exceeded". The log archive
 * takes one on every group, so a component may add only one more.
 *
 * Sources: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html
 * ("Subscription filters: 2 per log group. This quota can't be changed"),
 * platform-rules/log-archive.ts MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP.
 */
import { MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP } from "../../../platform-rules/log-archive";
import { asString, peek } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy } from "../../lib/types";

const FILTER = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

export const logSubscriptionFilterLimit = stackPolicy({
  name: "log-subscription-filter-limit",
  description: `A CloudWatch Logs log group has at most ${MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP} subscription filters, the service's fixed quota.`,
  enforcementLevel: "mandatory",
  pci: ["10.5.1"],
  resourceTypes: [FILTER, LOG_GROUP],
  fix: `Keep at most ${MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP} subscription filters per log group (the log archive takes one): fan further consumers out from the archive stream instead.`,
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const groups = args.resources.filter((r) => r.type === LOG_GROUP);
    const filters = args.resources.filter((r) => r.type === FILTER);
    judgeEach(groups, report, (group) => {
      const name = asString(peek(group.props, "name"));
      const mine = filters.filter(
        (f) =>
          (f.propertyDependencies["logGroup"] ?? []).some((d) => d.urn === group.urn) ||
          (name !== undefined && asString(f.props["logGroup"]) === name),
      );
      if (mine.length > MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP) {
        report(
          `${group.name} has ${mine.length} subscription filters (${mine.map((f) => f.name).join(", ")}): CloudWatch Logs allows ${MAX_SUBSCRIPTION_FILTERS_PER_LOG_GROUP} per log group and fails the next with LimitExceededException. Remove one, or fan out from the archive stream.`,
          group.urn,
        );
      }
    });
  },
});
