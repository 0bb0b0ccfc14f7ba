import { resource } from "../testing/fixtures";
import { describeCases } from "./testing";

const TOPIC = "aws:sns/topic:Topic";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE = "arn:aws:iam::123456789012:role/alerts-page-delivery-logging-role";
const topic = (inputs: Record<string, unknown> = {}) =>
  resource(TOPIC, "alerts-page", {
    httpFailureFeedbackRoleArn: ROLE,
    httpSuccessFeedbackRoleArn: ROLE,
    httpSuccessFeedbackSampleRate: 100,
    ...inputs,
  });
const group = (name: string, logicalName = "alerts-page-delivery-logs") =>
  resource(LOG_GROUP, logicalName, { name, retentionInDays: 400 }, { propertyDependencies: { name: [topic().urn] } });
const SUCCESS = group("sns/us-east-1/123456789012/alerts-page-042a5e9");
const FAILURE = group("sns/us-east-1/123456789012/alerts-page-042a5e9/Failure", "alerts-page-delivery-logs-failure");

describeCases("sns-delivery-log-groups", [
  {
    should: "report a topic that logs HTTP/S delivery status without the log groups SNS writes to",
    resources: [topic()],
    violations: [
      /alerts-page logs http delivery status, but the stack creates no log group named sns\/<region>\/<account>\/<topic> or sns\/<region>\/<account>\/<topic>\/Failure/,
    ],
  },
  {
    should: "report a failure log group under a name SNS does not write to",
    resources: [topic(), SUCCESS, group("sns/us-east-1/123456789012/alerts-page-042a5e9/failures", "f")],
    violations: [/no log group named sns\/<region>\/<account>\/<topic>\/Failure .*found .*\/failures/],
  },
  {
    should: "report a success sample rate over 100 %",
    resources: [topic({ httpSuccessFeedbackSampleRate: 150 }), SUCCESS, FAILURE],
    violations: [/alerts-page sets httpSuccessFeedbackSampleRate 150: SNS accepts a whole percentage from 0 to 100/],
  },
  {
    should: "pass a topic with both delivery log groups named from it",
    resources: [topic(), SUCCESS, FAILURE],
    violations: [],
  },
  {
    should: "pass an explicitly named topic whose groups carry its name",
    resources: [
      topic({ name: "alerts" }),
      resource(LOG_GROUP, "s", { name: "sns/us-east-1/123456789012/alerts" }),
      resource(LOG_GROUP, "f", { name: "sns/us-east-1/123456789012/alerts/Failure" }),
    ],
    violations: [],
  },
  {
    should: "pass a topic that logs no delivery status",
    resources: [resource(TOPIC, "plain", {})],
    violations: [],
  },
]);
