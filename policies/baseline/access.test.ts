import { describeCases } from "../testing/cases";
import { resource, urnOf } from "../testing/fixtures";
import { FLEX_PLAN, flexApp, LOCKED_WEB_CONFIG, webConfigDeployment } from "../testing/flex-sites";

const API = "aws:apigateway/restApi:RestApi";
const STAGE = "aws:apigateway/stage:Stage";
const ASSOC = "aws:wafv2/webAclAssociation:WebAclAssociation";
const api = (types = ["REGIONAL"]) => resource(API, "api", { endpointConfiguration: { types } });
const stage = () =>
  resource(
    STAGE,
    "live",
    { restApi: "api-1", stageName: "live", deployment: "d" },
    { propertyDependencies: { restApi: [urnOf(API, "api")] } },
  );
const association = () =>
  resource(
    ASSOC,
    "waf",
    { resourceArn: "arn", webAclArn: "acl" },
    { propertyDependencies: { resourceArn: [urnOf(STAGE, "live")] } },
  );
const WEB_APP = "azure-native:web:WebApp";
const frontedApp = {
  publicNetworkAccess: "Enabled",
  siteConfig: {
    ipSecurityRestrictionsDefaultAction: "Deny",
    ipSecurityRestrictions: [
      {
        action: "Allow",
        tag: "ServiceTag",
        ipAddress: "AzureFrontDoor.Backend",
        priority: 100,
        headers: { "x-azure-fdid": ["8e5b2a4c-0d1f-4c6e-9a3b-7f2d1e0c5b9a"] },
      },
    ],
  },
};
const waf = (mode: string) =>
  resource("azure-native:network:FrontDoorWebApplicationFirewallPolicy", "waf", {
    policySettings: { mode, enabledState: "Enabled" },
  });

/** The Front Door profile the Flex fixture's lock depends on, its Prevention WAF and, if asked, the security policy joining them. */
function frontDoorWithWaf(attached: boolean) {
  const profile = resource("azure-native:cdn:Profile", "fd", {
    resourceGroupName: "rg",
    sku: { name: "Premium_AzureFrontDoor" },
  });
  const fdWaf = resource("azure-native:frontdoor:Policy", "fdwaf", { policySettings: { mode: "Prevention" } });
  const security = resource(
    "azure-native:cdn:SecurityPolicy",
    "security",
    {
      resourceGroupName: "rg",
      profileName: "fd",
      parameters: { type: "WebApplicationFirewall", wafPolicy: { id: "waf-id" } },
    },
    { propertyDependencies: { profileName: [profile.urn], parameters: [fdWaf.urn] } },
  );
  return attached ? [profile, fdWaf, security] : [profile, fdWaf];
}

describeCases("waf-on-internet-facing-apis", [
  {
    should: "pass a regional REST API stage with a web ACL",
    resources: [api(), stage(), association()],
    violation: null,
  },
  {
    should: "report a regional REST API stage without a web ACL",
    resources: [api(), stage()],
    violation: /without a WAF/,
  },
  { should: "exempt a private REST API", resources: [api(["PRIVATE"]), stage()], violation: null },
  {
    should: "report an internet-facing ALB without a web ACL",
    resources: [
      resource("aws:lb/loadBalancer:LoadBalancer", "alb", { internal: false, loadBalancerType: "application" }),
    ],
    violation: /load balancer alb has no WAF/,
  },
  {
    should: "pass an internal ALB",
    resources: [resource("aws:lb/loadBalancer:LoadBalancer", "alb", { internal: true })],
    violation: null,
  },
  {
    should: "report an HTTP API, which cannot take a WAF",
    resources: [resource("aws:apigatewayv2/api:Api", "http", { protocolType: "HTTP" })],
    violation: /cannot be associated with a WAF/,
  },
  {
    should: "pass an Azure app with public access disabled",
    resources: [resource(WEB_APP, "app", { publicNetworkAccess: "Disabled" })],
    violation: null,
  },
  {
    should: "report a public Azure app reachable directly",
    resources: [resource(WEB_APP, "app", { publicNetworkAccess: "Enabled" })],
    violation: /reachable from the internet directly/,
  },
  {
    should: "pass a public app admitting only Front Door with a Prevention WAF",
    resources: [resource(WEB_APP, "app", frontedApp), waf("Prevention")],
    violation: null,
  },
  {
    should: "report a fronted app whose WAF only detects",
    resources: [resource(WEB_APP, "app", frontedApp), waf("Detection")],
    violation: /no WAF policy in Prevention mode/,
  },
  {
    should: "report a Front Door rule without the X-Azure-FDID header, which admits every Front Door profile",
    resources: [
      resource(WEB_APP, "app", {
        publicNetworkAccess: "Enabled",
        siteConfig: {
          ipSecurityRestrictionsDefaultAction: "Deny",
          ipSecurityRestrictions: [{ action: "Allow", tag: "ServiceTag", ipAddress: "AzureFrontDoor.Backend" }],
        },
      }),
      waf("Prevention"),
    ],
    violation: /has no X-Azure-FDID header, so any Front Door profile reaches it/,
  },
  {
    should: "pass a Flex app locked to Front Door by a deployed config/web, with a Prevention WAF",
    resources: [FLEX_PLAN, flexApp(), webConfigDeployment(), waf("Prevention")],
    violation: null,
  },
  {
    should: "accept a Front Door (frontdoor module) WAF policy in Prevention mode",
    resources: [
      FLEX_PLAN,
      flexApp(),
      webConfigDeployment(),
      resource("azure-native:frontdoor:Policy", "fdwaf", { policySettings: { mode: "Prevention" } }),
    ],
    violation: null,
  },
  {
    should: "report a Flex app locked to a Front Door profile that no security policy attaches the WAF to",
    resources: [FLEX_PLAN, flexApp(), webConfigDeployment(), ...frontDoorWithWaf(false)],
    violation:
      /flex admits only Front Door profile fd, but no security policy attaches a Prevention-mode WAF policy to it/,
  },
  {
    should: "pass a Flex app locked to a Front Door profile whose security policy attaches a Prevention WAF",
    resources: [FLEX_PLAN, flexApp(), webConfigDeployment(), ...frontDoorWithWaf(true)],
    violation: null,
  },
  {
    should: "report a Flex app without the deployment that locks it to Front Door",
    resources: [FLEX_PLAN, flexApp(), waf("Prevention")],
    violation: /flex is reachable from the internet directly \(its access restrictions do not deny by default\)/,
  },
  {
    should: "report a Flex app whose deployed config/web leaves the default action Allow",
    resources: [
      FLEX_PLAN,
      flexApp(),
      webConfigDeployment({ ...LOCKED_WEB_CONFIG, ipSecurityRestrictionsDefaultAction: "Allow" }),
      waf("Prevention"),
    ],
    violation: /do not deny by default/,
  },
  {
    should: "ignore a deployed config/web written for another site",
    resources: [FLEX_PLAN, flexApp(), webConfigDeployment(LOCKED_WEB_CONFIG, "other"), waf("Prevention")],
    violation: /flex is reachable from the internet directly/,
  },
]);

const METHOD = "aws:apigateway/method:Method";
describeCases("api-authorization-required", [
  {
    should: "pass an IAM-authorized method",
    resources: [resource(METHOD, "m", { httpMethod: "GET", authorization: "AWS_IAM", resourceId: "r", restApi: "a" })],
    violation: null,
  },
  {
    should: "pass a Lambda-authorized method",
    resources: [
      resource(METHOD, "m", {
        httpMethod: "POST",
        authorization: "CUSTOM",
        authorizerId: "au",
        resourceId: "r",
        restApi: "a",
      }),
    ],
    violation: null,
  },
  {
    should: "report a method without authorization",
    resources: [resource(METHOD, "m", { httpMethod: "GET", authorization: "NONE", resourceId: "r", restApi: "a" })],
    violation: /authorization NONE/,
  },
  {
    should: "report an API-key-only method, naming why a key is not enough",
    resources: [
      resource(METHOD, "m", {
        httpMethod: "POST",
        authorization: "NONE",
        apiKeyRequired: true,
        resourceId: "r",
        restApi: "a",
      }),
    ],
    violation: /does not authorize it/,
  },
  {
    should: "exempt CORS preflight",
    resources: [resource(METHOD, "m", { httpMethod: "OPTIONS", authorization: "NONE", resourceId: "r", restApi: "a" })],
    violation: null,
  },
  {
    should: "pass an unauthenticated method answered by a MOCK integration (no backend, no data)",
    resources: [
      resource(METHOD, "health", { httpMethod: "GET", authorization: "NONE", resourceId: "r", restApi: "a" }),
      resource("aws:apigateway/integration:Integration", "health-integration", {
        httpMethod: "GET",
        resourceId: "r",
        restApi: "a",
        type: "MOCK",
      }),
    ],
    violation: null,
  },
  {
    should: "report an unauthenticated method with a Lambda proxy integration, naming the backend",
    resources: [
      resource(METHOD, "health", { httpMethod: "GET", authorization: "NONE", resourceId: "r", restApi: "a" }),
      resource("aws:apigateway/integration:Integration", "health-integration", {
        httpMethod: "GET",
        resourceId: "r",
        restApi: "a",
        type: "AWS_PROXY",
      }),
    ],
    violation: /health \(GET\) has authorization NONE and reaches a backend \(AWS_PROXY integration\)/,
  },
  {
    should: "report an unauthenticated method whose MOCK integration belongs to another method",
    resources: [
      resource(METHOD, "orders", { httpMethod: "POST", authorization: "NONE", resourceId: "r", restApi: "a" }),
      resource("aws:apigateway/integration:Integration", "health-integration", {
        httpMethod: "GET",
        resourceId: "r",
        restApi: "a",
        type: "MOCK",
      }),
    ],
    violation: /orders \(POST\) has authorization NONE and no MOCK integration of it is in the stack/,
  },
  {
    should: "report an HTTP API route without an authorizer",
    resources: [resource("aws:apigatewayv2/route:Route", "rt", { apiId: "a", routeKey: "GET /orders" })],
    violation: /GET \/orders has no authorizer/,
  },
]);
