import { resource } from "../testing/fixtures";
import { describeCases } from "./testing";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const FILTER = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter";
const STREAM_ARN = "arn:aws:firehose:us-east-1:123456789012:deliverystream/log-archive";
const group = resource(LOG_GROUP, "app-logs", { name: "/aws/lambda/app", retentionInDays: 400 });
const filter = (name: string, destinationArn = STREAM_ARN) =>
  resource(
    FILTER,
    name,
    { logGroup: "/aws/lambda/app", destinationArn, filterPattern: "" },
    {
      propertyDependencies: { logGroup: [group.urn] },
    },
  );

describeCases("log-group-archived", [
  {
    should: "report a log group without a subscription filter",
    resources: [group],
    violations: [
      /app-logs has no subscription filter to the log archive's Firehose stream: its events are gone after 400 days/,
    ],
  },
  {
    should: "report a log group whose only filter goes to a Lambda function",
    resources: [group, filter("app-logs-lambda", "arn:aws:lambda:us-east-1:123456789012:function:shipper")],
    violations: [/app-logs has no subscription filter to the log archive's Firehose stream/],
  },
  {
    should: "pass a log group subscribed to a Firehose stream",
    resources: [group, filter("app-logs-archive")],
    violations: [],
  },
  {
    should: "pass a log group matched by name when the filter names it",
    resources: [group, resource(FILTER, "by-name", { logGroup: "/aws/lambda/app", destinationArn: STREAM_ARN })],
    violations: [],
  },
]);

describeCases("log-subscription-filter-limit", [
  {
    should: "report a third subscription filter on one log group",
    resources: [group, filter("a"), filter("b"), filter("c")],
    violations: [
      /app-logs has 3 subscription filters \(a, b, c\): CloudWatch Logs allows 2 per log group and fails the next with LimitExceededException/,
    ],
  },
  {
    should: "pass two subscription filters on one log group",
    resources: [group, filter("a"), filter("b")],
    violations: [],
  },
]);
