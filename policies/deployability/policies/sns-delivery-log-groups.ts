/**
 * SNS writes a topic's delivery status logs to log groups whose names it fixes:
 * `sns/<region>/<account-id>/<topic-name>` for successes and the same with `/Failure` for
 * failures. A topic that logs delivery status (any `<protocol>{Success,Failure}FeedbackRoleArn`)
 * needs both groups created by the stack under exactly those names: otherwise SNS creates them
 * itself through the feedback role (unencrypted, never expiring, outside the log archive), or,
 * with a role scoped to pre-created groups, writes nothing. SNS also accepts a success sample
 * rate only as a whole percentage 0-100.
 *
 * Sources: https://docs.aws.amazon.com/sns/latest/dg/topics-attrib-prereq.html (log group
 * naming, the role's logs:CreateLogGroup), https://docs.aws.amazon.com/sns/latest/dg/sns-topic-attributes.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sns-topic-loggingconfig.html
 * (SuccessFeedbackSampleRate 0-100); the `/Failure` group as SNS names it in practice
 * (cds-snc/notification-terraform aws/common/cloudwatch_log.tf); issue 11.
 */
import { SNS_FEEDBACK_PROTOCOLS } from "../../../platform-rules/sns-delivery";
import { asString, isWholeIn, peek } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy } from "../../lib/types";

const TOPIC = "aws:sns/topic:Topic";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
/** sns/<region>/<account>/<topic>[/Failure]: the names SNS writes to. */
export const DELIVERY_LOG_GROUP = /^sns\/[a-z]{2}(?:-[a-z]+)+-\d\/\d{12}\/([A-Za-z0-9_-]{1,256})(\/Failure)?$/;

export const snsDeliveryLogGroups = stackPolicy({
  name: "sns-delivery-log-groups",
  description:
    "An SNS topic that logs delivery status has both log groups SNS writes to (sns/<region>/<account>/<topic> and .../Failure) created by the stack, and success sample rates of 0-100.",
  enforcementLevel: "mandatory",
  pci: ["10.2.1", "10.5.1"],
  resourceTypes: [TOPIC, LOG_GROUP],
  fix: "Create the topic's delivery log groups with deliveryStatusLogGroups() (components/services/delivery-status-logging.ts), named from the topic's name, and give sample rates as whole percentages 0-100.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const groups = args.resources.filter((r) => r.type === LOG_GROUP);
    // judgeEach: a first preview knows neither the topic's name nor the groups' (an advisory each).
    judgeEach(
      args.resources.filter((r) => r.type === TOPIC),
      report,
      (topic) => {
        const logged = SNS_FEEDBACK_PROTOCOLS.filter((p) =>
          ["SuccessFeedbackRoleArn", "FailureFeedbackRoleArn"].some(
            (k) =>
              peek(topic.props, `${p}${k}`) !== undefined || (topic.propertyDependencies[`${p}${k}`] ?? []).length > 0,
          ),
        );
        for (const p of logged) {
          const rate = topic.props[`${p}SuccessFeedbackSampleRate`];
          if (rate !== undefined && !isWholeIn(rate, 0, 100))
            report(
              `${topic.name} sets ${p}SuccessFeedbackSampleRate ${JSON.stringify(rate)}: SNS accepts a whole percentage from 0 to 100.`,
              topic.urn,
            );
        }
        if (logged.length === 0) return;
        const explicit = asString(peek(topic.props, "name"));
        const names = groups
          .filter(
            (g) =>
              (g.propertyDependencies["name"] ?? []).some((d) => d.urn === topic.urn) ||
              (explicit !== undefined &&
                DELIVERY_LOG_GROUP.exec(asString(peek(g.props, "name")) ?? "")?.[1] === explicit),
          )
          .map((g) => asString(g.props["name"]))
          .filter((n): n is string => n !== undefined);
        const shaped = names.map((n) => DELIVERY_LOG_GROUP.exec(n));
        const missing = [
          shaped.some((m) => m && !m[2]) ? undefined : "sns/<region>/<account>/<topic>",
          shaped.some((m) => m && m[2]) ? undefined : "sns/<region>/<account>/<topic>/Failure",
        ].filter((m): m is string => m !== undefined);
        if (missing.length > 0)
          report(
            `${topic.name} logs ${logged.join(", ")} delivery status, but the stack creates no log group named ${missing.join(" or ")} from the topic's name` +
              `${names.length > 0 ? ` (found ${names.join(", ")})` : ""}: SNS would create it unencrypted and never expiring, or write nothing. ` +
              "Create both with deliveryStatusLogGroups().",
            topic.urn,
          );
      },
    );
  },
});
