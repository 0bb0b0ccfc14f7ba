import { judgeEach } from "../../lib/judge";
import { asObject, asString, at, dependsThrough, peek } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const STAGE = "aws:apigateway/stage:Stage";
const SETTINGS = "aws:apigateway/methodSettings:MethodSettings";
const V2_STAGE = "aws:apigatewayv2/stage:Stage";
const LEVELS = ["ERROR", "INFO"];

/** Method settings apply to a stage when they name its stage and API. */
function settingsFor(stage: PolicyResource, all: readonly PolicyResource[]): PolicyResource[] {
  return all.filter((m) => {
    const byDependency = dependsThrough(m, "stageName").has(stage.urn);
    const sameApi = peek(m.props, "restApi") === peek(stage.props, "restApi");
    return byDependency || (sameApi && peek(m.props, "stageName") === peek(stage.props, "stageName"));
  });
}

export const apiGatewayLogging = stackPolicy({
  name: "api-gateway-logging",
  description:
    "API Gateway stages write access logs and execution logs (ERROR or INFO for every method), and never log full request/response data (data trace off).",
  enforcementLevel: "mandatory",
  pci: ["10.2.1", "10.2.1.1", "3.3.1"],
  resourceTypes: [STAGE, SETTINGS, V2_STAGE],
  fix:
    "Set the stage's accessLogSettings.destinationArn to a log group, add " +
    'aws.apigateway.MethodSettings with methodPath "*/*" and settings { loggingLevel: "ERROR" ' +
    'or "INFO", dataTraceEnabled: false }.',
  covers: {
    checkov: ["CKV_AWS_76", "CKV_AWS_276", "CKV2_AWS_4"],
    cdkNag: ["AwsSolutions-APIG1", "AwsSolutions-APIG6", "PCIDSS321APIGWExecutionLoggingEnabled"],
  },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const settings = args.resources.filter((r) => r.type === SETTINGS);
    judgeEach(
      args.resources.filter((r) => r.type === STAGE || r.type === V2_STAGE),
      report,
      (stage) => {
        if (!asString(at(stage.props, "accessLogSettings.destinationArn"))) {
          report(
            `${stage.name} writes no access logs: set accessLogSettings.destinationArn (and format) to a CloudWatch log group.`,
            stage.urn,
          );
        }
        if (stage.type === V2_STAGE) {
          if (at(stage.props, "defaultRouteSettings.dataTraceEnabled") === true)
            report(
              `${stage.name} logs full request and response data: set defaultRouteSettings.dataTraceEnabled to false.`,
              stage.urn,
            );
          return;
        }
        const all = settingsFor(stage, settings).filter((m) => peek(m.props, "methodPath") === "*/*");
        if (!all.some((m) => LEVELS.includes(asString(at(m.props, "settings.loggingLevel")) ?? ""))) {
          report(
            `${stage.name} has no execution logging for all methods: add aws.apigateway.MethodSettings ` +
              `with methodPath "*/*" and settings.loggingLevel "ERROR" or "INFO".`,
            stage.urn,
          );
        }
      },
    );
    judgeEach(settings, report, (m) => {
      if (asObject(m.props["settings"])?.["dataTraceEnabled"] === true) {
        report(
          `${m.name} turns data trace on, which writes full requests (API keys, payloads) to CloudWatch: set settings.dataTraceEnabled to false.`,
          m.urn,
        );
      }
    });
  },
});
