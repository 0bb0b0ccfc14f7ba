import assert from "node:assert/strict";
import { findingsOf, resource, urnOf } from "../testing/fixtures";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const SUB = "aws:sns/topicSubscription:TopicSubscription";
const topicArn = "arn:aws:sns:us-east-1:123456789012:page";
const topic = resource(TOPIC, "page", { arn: topicArn });
const actions = { alarmActions: [topicArn], okActions: [topicArn], insufficientDataActions: [topicArn] };
const deps = {
  alarmActions: [urnOf(TOPIC, "page")],
  okActions: [urnOf(TOPIC, "page")],
  insufficientDataActions: [urnOf(TOPIC, "page")],
};
const alarm = (inputs: Record<string, unknown>, name = "a") =>
  resource(ALARM, name, inputs, { propertyDependencies: deps });
const subscription = resource(
  SUB,
  "sub",
  { topic: topicArn, protocol: "email", endpoint: "x@example.com" },
  { propertyDependencies: { topic: [urnOf(TOPIC, "page")] } },
);

describe("alarm-actions-routed", () => {
  it("should pass an alarm that notifies a topic on every state", async () => {
    assert.deepEqual(await findingsOf("alarm-actions-routed", [topic, alarm(actions)]), []);
  });

  it("should name the state an alarm does not notify on", async () => {
    const [f] = await findingsOf("alarm-actions-routed", [
      topic,
      alarm({ alarmActions: [topicArn], okActions: [topicArn] }),
    ]);
    assert.match(f!.message, /notifies no SNS topic on insufficientDataActions/);
  });

  it("should report an alarm with no actions at all", async () => {
    const [f] = await findingsOf("alarm-actions-routed", [alarm({})]);
    assert.match(f!.message, /alarmActions, okActions, insufficientDataActions/);
  });

  it("should report an alarm whose actions are not SNS topics", async () => {
    const ec2 = "arn:aws:automate:us-east-1:ec2:stop";
    const [f] = await findingsOf("alarm-actions-routed", [alarm({ ...actions, alarmActions: [ec2] })]);
    assert.match(f!.message, /on alarmActions/);
  });

  it("should be mandatory", async () => {
    const [f] = await findingsOf("alarm-actions-routed", [alarm({})]);
    assert.equal(f!.enforcementLevel, "mandatory");
  });
});

describe("alarm-topics-subscribed", () => {
  it("should pass a topic that alarms notify when it has a subscription", async () => {
    assert.deepEqual(await findingsOf("alarm-topics-subscribed", [topic, alarm(actions), subscription]), []);
  });

  it("should report a topic that alarms notify when nobody subscribes", async () => {
    const [f] = await findingsOf("alarm-topics-subscribed", [topic, alarm(actions)]);
    assert.match(f!.message, /Topic page receives alarms but has no subscriber/);
  });

  it("should count an AWS Chatbot channel as a subscriber", async () => {
    const slack = resource(
      "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
      "slack",
      { snsTopicArns: [topicArn] },
      { propertyDependencies: { snsTopicArns: [urnOf(TOPIC, "page")] } },
    );
    assert.deepEqual(await findingsOf("alarm-topics-subscribed", [topic, alarm(actions), slack]), []);
  });

  it("should not judge a topic no alarm notifies", async () => {
    assert.deepEqual(await findingsOf("alarm-topics-subscribed", [topic]), []);
  });
});
