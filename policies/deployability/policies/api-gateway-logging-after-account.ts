/**
 * API Gateway writes execution and access logs with the region's account-level CloudWatch role
 * (aws.apigateway.Account). A stage with access logging, or method settings with a logging level,
 * created before that setting exists fails with "BadRequestException: CloudWatch Logs role ARN must
 * be set in account settings to enable logging". When the stack owns the setting, the stage and
 * the method settings must wait for it.
 *
 * Sources: anomalyco/sst#1556, aws-samples/amazon-bedrock-knowledgebase-slackbot#6,
 * aws-solutions/virtual-waiting-room-on-aws#74,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html#set-up-access-logging-permissions.
 */
import { asObject, asString, peek } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy, type PolicyResource } from "../../lib/types";
import { DependencyGraph } from "../support/graph";

const ACCOUNT = "aws:apigateway/account:Account";
const STAGE = "aws:apigateway/stage:Stage";
const METHOD_SETTINGS = "aws:apigateway/methodSettings:MethodSettings";

function logs(r: PolicyResource): boolean {
  if (r.type === STAGE) return peek(r.props, "accessLogSettings") !== undefined;
  const level = asString(asObject(peek(r.props, "settings"))?.["loggingLevel"]);
  return level !== undefined && level !== "OFF";
}

const regionOf = (r: PolicyResource): string =>
  asString(peek(r.props, "region")) ?? asString(peek(r.provider?.props ?? {}, "region")) ?? "";

export const apiGatewayLoggingAfterAccount = stackPolicy({
  name: "api-gateway-logging-after-account",
  description:
    "API Gateway stages with access logs and method settings with a logging level are created " +
    "after the region's API Gateway account setting (CloudWatch role) when the stack owns it.",
  enforcementLevel: "mandatory",
  pci: ["10.2.1"],
  resourceTypes: [ACCOUNT, STAGE, METHOD_SETTINGS],
  fix:
    "Add the aws.apigateway.Account resource to the stage's and method settings' dependsOn " +
    "(or, where a landing zone sets the role, make sure it is set before the first up).",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const accounts = args.resources.filter((r) => r.type === ACCOUNT);
    if (accounts.length === 0) return;
    const graph = new DependencyGraph(args.resources);
    judgeEach(
      args.resources.filter((x) => x.type === STAGE || x.type === METHOD_SETTINGS),
      report,
      (r) => {
        if (!logs(r)) return;
        const account = accounts.find((a) => regionOf(a) === regionOf(r));
        if (account && !graph.waitsFor(r, account)) {
          report(
            `${r.name} turns on logging but may be created before ${account.name}, the API Gateway ` +
              `CloudWatch role setting: API Gateway refuses it ("CloudWatch Logs role ARN must be set in ` +
              `account settings to enable logging"). Add ${account.name} to its dependsOn.`,
            r.urn,
          );
        }
      },
    );
  },
});
