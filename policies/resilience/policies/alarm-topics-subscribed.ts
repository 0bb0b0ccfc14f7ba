/**
 * Every SNS topic an alarm notifies reaches a person or a paging system: it has at least one
 * subscription (e-mail, HTTPS, Lambda, SQS) or an AWS Chatbot channel reading it.
 */
import { asArray, dependsThrough, peek } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";
import { ACTION_PROPS, ALARM_TYPES } from "./alarm-actions-routed";

const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const CHATBOT = [
  "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
  "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration",
];

/** The topics of the stack that an alarm's actions point at (by dependency, else by ARN). */
function alarmedTopics(resources: readonly PolicyResource[]): PolicyResource[] {
  const topics = resources.filter((r) => r.type === TOPIC);
  const targets = new Set<string>();
  const arns = new Set<unknown>();
  for (const alarm of resources.filter((r) => ALARM_TYPES.includes(r.type))) {
    for (const prop of ACTION_PROPS) {
      dependsThrough(alarm, prop).forEach((u) => targets.add(u));
      asArray(peek(alarm.props, prop)).forEach((a) => arns.add(a));
    }
  }
  return topics.filter((t) => targets.has(t.urn) || arns.has(peek(t.props, "arn")));
}

export const alarmTopicsSubscribed = stackPolicy({
  name: "alarm-topics-subscribed",
  description:
    "Every SNS topic that CloudWatch alarms notify has a subscriber (e-mail, HTTPS, Lambda, SQS or an AWS Chatbot channel).",
  enforcementLevel: "mandatory",
  pci: ["10.7.2"],
  resourceTypes: [TOPIC, SUBSCRIPTION, ...CHATBOT],
  fix: "Add a route to platform:alerts.page or .ticket (emails, httpsEndpointSecrets, slack or teams) for the topic's severity.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const topics = alarmedTopics(args.resources);
    if (topics.length === 0) return args.notApplicable("No alarm notifies a topic of this stack");
    const subscribers = args.resources.filter((r) => r.type === SUBSCRIPTION || CHATBOT.includes(r.type));
    for (const topic of topics) {
      const heard = subscribers.some((s) =>
        dependsThrough(s, s.type === SUBSCRIPTION ? "topic" : "snsTopicArns").has(topic.urn),
      );
      if (!heard)
        report(
          `Topic ${topic.name} receives alarms but has no subscriber: nobody is told. Add a route for it in platform:alerts.`,
          topic.urn,
        );
    }
  },
});
