import { judgeEach } from "../../lib/judge";
import { asArray, asObject, asString, at, baseType, dependsThrough, peek } from "../../lib/props";
import { deployedSiteConfigs, effectiveSiteConfig } from "../../lib/site-config";
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
  // Front Door Standard/Premium WAF policies (Microsoft.Network/FrontDoorWebApplicationFirewallPolicies),
  // as azure-native's frontdoor module publishes them.
  "azure-native:frontdoor:Policy",
  "azure-native:network:FrontDoorWebApplicationFirewallPolicy",
  "azure-native:network:WebApplicationFirewallPolicy",
  "azure-native:cdn:Policy",
];

const isPrivateRestApi = (api: PolicyResource | undefined): boolean =>
  asArray(at(api?.props, "endpointConfiguration.types")).includes("PRIVATE");

function associated(target: PolicyResource, associations: readonly PolicyResource[], arn: () => unknown): boolean {
  return associations.some(
    (a) =>
      dependsThrough(a, "resourceArn").has(target.urn) ||
      (arn() !== undefined && peek(a.props, "resourceArn") === arn()),
  );
}

/**
 * The header Front Door stamps with its profile's id on every request to the origin. The
 * AzureFrontDoor.Backend service tag covers every customer's Front Door, so an origin admits only
 * its own profile by also matching this header
 * (https://learn.microsoft.com/azure/frontdoor/origin-security#public-ip-address-based-origins;
 * https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions#restrict-access-to-a-specific-azure-front-door-instance).
 */
const FDID_HEADER = "x-azure-fdid";

function fdids(rule: Readonly<Record<string, unknown>>): unknown[] {
  const headers = asObject(rule["headers"]) ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === FDID_HEADER);
  return key ? asArray(headers[key]).filter((v) => asString(v)?.trim()) : [];
}

/**
 * Why the app is not locked to a WAF front, or undefined when it is: default action Deny and an
 * Allow rule for Front Door (with its X-Azure-FDID) or Application Gateway (service tag or subnet).
 * Read from the configuration as deployed: siteConfig, or a Flex app's deployed config/web.
 */
function notOnlyThroughWafFront(site: Readonly<Record<string, unknown>>): string | undefined {
  if (asString(site["ipSecurityRestrictionsDefaultAction"]) !== "Deny")
    return "its access restrictions do not deny by default";
  const allows = asArray(site["ipSecurityRestrictions"])
    .map((raw) => asObject(raw) ?? {})
    .filter((r) => asString(r["action"]) !== "Deny");
  if (allows.some((r) => asString(r["ipAddress"]) === "GatewayManager" || !!asString(r["vnetSubnetResourceId"])))
    return undefined;
  const frontDoor = allows.filter((r) => asString(r["ipAddress"]) === "AzureFrontDoor.Backend");
  if (frontDoor.length === 0) return "no rule admits Front Door or Application Gateway";
  if (!frontDoor.every((r) => fdids(r).length > 0))
    return "its AzureFrontDoor.Backend rule has no X-Azure-FDID header, so any Front Door profile reaches it";
  return undefined;
}

function preventionMode(waf: PolicyResource): boolean {
  return asString(at(waf.props, "policySettings.mode")) === "Prevention";
}

const FRONT_DOOR_PROFILE = "azure-native:cdn:Profile";
const SECURITY_POLICY = "azure-native:cdn:SecurityPolicy";

/**
 * The Front Door profiles whose id the app's lock was computed from (the deployment's or the
 * siteConfig's inputs depend on them); empty when the stack does not say (a literal id).
 */
function lockingProfiles(app: PolicyResource, all: readonly PolicyResource[]): PolicyResource[] {
  const sources = new Set([
    ...dependsThrough(app, "siteConfig"),
    ...deployedSiteConfigs(app, all).flatMap((d) => [...dependsThrough(d.deployment, "properties")]),
  ]);
  return all.filter((r) => baseType(r.type) === FRONT_DOOR_PROFILE && sources.has(r.urn));
}

/**
 * Whether a Prevention-mode WAF policy is attached to `profile`: a Front Door security policy of
 * that profile names it. A WAF policy on its own filters nothing; Front Door applies it to a
 * profile's domains only through a security policy (Microsoft.Cdn/profiles/securityPolicies,
 * type WebApplicationFirewall: azure-native cdn.SecurityPolicy, node_modules/@pulumi/azure-native/cdn/securityPolicy.d.ts).
 */
function profileHasPreventionWaf(
  profile: PolicyResource,
  all: readonly PolicyResource[],
  wafs: readonly PolicyResource[],
): boolean {
  return all.some(
    (sp) =>
      baseType(sp.type) === SECURITY_POLICY &&
      dependsThrough(sp, "profileName").has(profile.urn) &&
      wafs.some((w) => preventionMode(w) && dependsThrough(sp, "parameters").has(w.urn)),
  );
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
  resourceTypes: [
    STAGE,
    LB,
    HTTP_API,
    ASSOCIATION,
    WEB_APP,
    "azure-native:resources:Deployment",
    FRONT_DOOR_PROFILE,
    SECURITY_POLICY,
    ...AZURE_WAF,
  ],
  fix:
    "AWS: add an aws.wafv2.WebAclAssociation for the stage or load balancer (use a REST API, " +
    "or CloudFront with a WAF, instead of an HTTP API). Azure: set publicNetworkAccess " +
    "Disabled, or front the app with Front Door/Application Gateway and a Prevention-mode WAF " +
    "policy and restrict ipSecurityRestrictions to it (AzureFrontDoor.Backend with the profile's " +
    "X-Azure-FDID header, default action Deny) in siteConfig or, on Flex Consumption, a deployed config/web.",
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
        const why = notOnlyThroughWafFront(effectiveSiteConfig(app, args.resources));
        if (why) {
          report(
            `${app.name} is reachable from the internet directly (${why}): set publicNetworkAccess "Disabled", ` +
              `or admit only Front Door/Application Gateway (ipSecurityRestrictions with AzureFrontDoor.Backend ` +
              `and this profile's X-Azure-FDID header, default action Deny; on a Flex Consumption app in an ` +
              `ARM deployment of its Microsoft.Web/sites/config "web").`,
            app.urn,
          );
        } else if (!wafs.some(preventionMode)) {
          report(
            `${app.name} is fronted, but the stack declares no WAF policy in Prevention mode: add a ` +
              `Front Door or Application Gateway WAF policy with policySettings.mode "Prevention".`,
            app.urn,
          );
        } else {
          const unguarded = lockingProfiles(app, args.resources).filter(
            (p) => !profileHasPreventionWaf(p, args.resources, wafs),
          );
          if (unguarded.length > 0)
            report(
              `${app.name} admits only Front Door profile ${unguarded.map((p) => p.name).join(", ")}, but no ` +
                `security policy attaches a Prevention-mode WAF policy to it: add a cdn.SecurityPolicy of ` +
                `type WebApplicationFirewall for the profile's domains with the WAF policy's id.`,
              app.urn,
            );
        }
      },
    );
  },
});
