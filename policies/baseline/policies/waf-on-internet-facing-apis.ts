import { judgeEach } from "../../lib/judge";
import { asArray, asObject, asString, at, baseType, dependsThrough, peek } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const REST_API = "aws:apigateway/restApi:RestApi";
const STAGE = "aws:apigateway/stage:Stage";
const HTTP_API = "aws:apigatewayv2/api:Api";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const ALB = "aws:alb/loadBalancer:LoadBalancer";
const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const WEB_APP = "azure-native:web:WebApp";
/** Azure WAF policies (Front Door and Application Gateway) in Prevention mode. */
const AZURE_WAF = [
  "azure-native:network:FrontDoorWebApplicationFirewallPolicy",
  "azure-native:network:WebApplicationFirewallPolicy",
  "azure-native:cdn:Policy",
];
const FRONTED_BY = ["AzureFrontDoor.Backend", "GatewayManager"];

const isPrivateRestApi = (api: PolicyResource | undefined): boolean =>
  asArray(at(api?.props, "endpointConfiguration.types")).includes("PRIVATE");

function associated(target: PolicyResource, associations: readonly PolicyResource[], arn: () => unknown): boolean {
  return associations.some(
    (a) =>
      dependsThrough(a, "resourceArn").has(target.urn) ||
      (arn() !== undefined && peek(a.props, "resourceArn") === arn()),
  );
}

/** The app denies by default and admits only Front Door / Application Gateway traffic. */
function onlyThroughWafFront(app: PolicyResource): boolean {
  const site = asObject(app.props["siteConfig"]);
  if (asString(site?.["ipSecurityRestrictionsDefaultAction"]) !== "Deny") return false;
  return asArray(site?.["ipSecurityRestrictions"]).some((raw) => {
    const r = asObject(raw);
    return (
      asString(r?.["action"]) !== "Deny" &&
      (FRONTED_BY.includes(asString(r?.["ipAddress"]) ?? "") || !!asString(r?.["vnetSubnetResourceId"]))
    );
  });
}

function preventionMode(waf: PolicyResource): boolean {
  return asString(at(waf.props, "policySettings.mode")) === "Prevention";
}

export const wafOnInternetFacingApis = stackPolicy({
  name: "waf-on-internet-facing-apis",
  description:
    "Every internet-facing API is behind a WAF: REST API stages and internet-facing ALBs have " +
    "a WAFv2 web ACL association; HTTP APIs (which cannot take one) are refused; public Azure " +
    "web and function apps admit only a Front Door / Application Gateway with a WAF policy in " +
    "Prevention mode.",
  enforcementLevel: "mandatory",
  pci: ["6.4.2", "1.4.1"],
  resourceTypes: [STAGE, LB, HTTP_API, ASSOCIATION, WEB_APP, ...AZURE_WAF],
  fix:
    "AWS: add an aws.wafv2.WebAclAssociation for the stage or load balancer (use a REST API, " +
    "or CloudFront with a WAF, instead of an HTTP API). Azure: set publicNetworkAccess " +
    "Disabled, or front the app with Front Door/Application Gateway and a Prevention-mode WAF " +
    "policy and restrict siteConfig.ipSecurityRestrictions to it (default action Deny).",
  covers: {
    checkov: [
      "CKV2_AWS_29",
      "CKV2_AWS_28",
      "CKV_AZURE_121",
      "CKV_AZURE_122",
      "CKV_AZURE_123",
      "CKV_AZURE_221",
      "CKV_AZURE_222",
    ],
    cdkNag: ["AwsSolutions-APIG3", "PCIDSS321APIGWAssociatedWithWAF", "PCIDSS321ALBWAFEnabled"],
  },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const associations = args.resources.filter((r) => r.type === ASSOCIATION);
    const apis = args.resources.filter((r) => r.type === REST_API);
    judgeEach(
      args.resources.filter((r) => r.type === STAGE),
      report,
      (stage) => {
        const api = apis.find(
          (a) => dependsThrough(stage, "restApi").has(a.urn) || peek(stage.props, "restApi") === peek(a.props, "id"),
        );
        if (isPrivateRestApi(api)) return;
        if (!associated(stage, associations, () => peek(stage.props, "arn"))) {
          report(
            `Stage ${stage.name} is reachable from the internet without a WAF: add an aws.wafv2.WebAclAssociation with resourceArn the stage's arn.`,
            stage.urn,
          );
        }
      },
    );
    judgeEach(
      args.resources.filter((r) => r.type === LB || r.type === ALB),
      report,
      (lb) => {
        if (
          lb.props["internal"] === true ||
          (asString(lb.props["loadBalancerType"]) ?? "application") !== "application"
        )
          return;
        if (!associated(lb, associations, () => peek(lb.props, "arn")))
          report(
            `Internet-facing load balancer ${lb.name} has no WAF: add an aws.wafv2.WebAclAssociation for it.`,
            lb.urn,
          );
      },
    );
    judgeEach(
      args.resources.filter((r) => r.type === HTTP_API && (asString(r.props["protocolType"]) ?? "HTTP") === "HTTP"),
      report,
      (api) => {
        if (api.props["disableExecuteApiEndpoint"] === true) return;
        report(
          `HTTP API ${api.name} cannot be associated with a WAF: use a REST API with a web ACL, or ` +
            `disable its execute-api endpoint and serve it through CloudFront with a WAF.`,
          api.urn,
        );
      },
    );
    const wafs = args.resources.filter((r) => AZURE_WAF.includes(baseType(r.type)));
    judgeEach(
      args.resources.filter((r) => baseType(r.type) === WEB_APP),
      report,
      (app) => {
        if (asString(app.props["publicNetworkAccess"]) === "Disabled") return;
        if (!onlyThroughWafFront(app)) {
          report(
            `${app.name} is reachable from the internet directly: set publicNetworkAccess "Disabled", ` +
              `or admit only Front Door/Application Gateway (siteConfig.ipSecurityRestrictions with ` +
              `AzureFrontDoor.Backend, default action Deny).`,
            app.urn,
          );
        } else if (!wafs.some(preventionMode)) {
          report(
            `${app.name} is fronted, but the stack declares no WAF policy in Prevention mode: add a ` +
              `Front Door or Application Gateway WAF policy with policySettings.mode "Prevention".`,
            app.urn,
          );
        }
      },
    );
  },
});
