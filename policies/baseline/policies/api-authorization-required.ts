/**
 * Every API Gateway method and route that reaches a backend requires an authorizer: checkov
 * CKV_AWS_59's intent, "no open access to back-end resources through the API". A REST method
 * whose only integration is MOCK reaches nothing (API Gateway answers from a template: no
 * Lambda, no HTTP backend, no AWS service, no data), so it is not an access path and may be
 * public: the one such method here is the Route 53 liveness probe, which cannot send headers or
 * sign requests. Every unauthenticated method with a real integration, or with none found in the
 * stack, is a violation. CORS preflight (OPTIONS) is exempt.
 */
import { asString, peek } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy } from "../../lib/types";

const METHOD = "aws:apigateway/method:Method";
const INTEGRATION = "aws:apigateway/integration:Integration";
const ROUTE = "aws:apigatewayv2/route:Route";

export const apiAuthorizationRequired = stackPolicy({
  name: "api-authorization-required",
  description:
    "API Gateway methods and routes that reach a backend require an authorizer (IAM, Cognito, JWT or a " +
    "Lambda authorizer); an API key alone is not authorization. CORS preflight (OPTIONS) and REST methods " +
    "answered by a MOCK integration (no backend, no data) are exempt.",
  enforcementLevel: "mandatory",
  pci: ["7.2.1", "8.2.1", "8.3.1"],
  resourceTypes: [METHOD, INTEGRATION, ROUTE],
  fix:
    'Set authorization to "AWS_IAM", "COGNITO_USER_POOLS" or "CUSTOM" with an authorizerId ' +
    "(HTTP APIs: authorizationType JWT, AWS_IAM or CUSTOM); a public liveness probe gets a MOCK " +
    "integration with a fixed body instead of a backend.",
  covers: {
    checkov: ["CKV_AWS_59", "CKV2_AWS_70", "CKV_AWS_309"],
    cdkNag: ["AwsSolutions-APIG4", "AwsSolutions-COG4"],
  },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const integrations = args.resources.filter((r) => r.type === INTEGRATION);
    /** The method's integrations: by dependency on the method, or by the same API, resource and verb. */
    const integrationsOf = (method: (typeof args.resources)[number]) =>
      integrations.filter(
        (i) =>
          Object.values(i.propertyDependencies).some((deps) => deps.some((d) => d.urn === method.urn)) ||
          (["restApi", "resourceId", "httpMethod"] as const).every((k) => {
            const a = asString(peek(i.props, k));
            return a !== undefined && a === asString(peek(method.props, k));
          }),
      );
    judgeEach(
      args.resources.filter((r) => r.type === METHOD || r.type === ROUTE),
      report,
      (r) => {
        if (r.type === ROUTE) {
          if (asString(r.props["routeKey"])?.startsWith("OPTIONS ")) return;
          const auth = asString(r.props["authorizationType"])?.toUpperCase() ?? "NONE";
          if (auth === "NONE")
            report(
              `Route ${asString(r.props["routeKey"]) ?? r.name} has no authorizer: set authorizationType to JWT, AWS_IAM or CUSTOM.`,
              r.urn,
            );
          return;
        }
        if (asString(r.props["httpMethod"])?.toUpperCase() === "OPTIONS") return;
        const auth = asString(r.props["authorization"])?.toUpperCase() ?? "NONE";
        if (auth !== "NONE") return;
        const found = integrationsOf(r);
        const types = found.map((i) => asString(i.props["type"])?.toUpperCase() ?? "?");
        if (found.length > 0 && types.every((t) => t === "MOCK")) return;
        const key =
          r.props["apiKeyRequired"] === true ? " (an API key identifies a client but does not authorize it)" : "";
        const reaches =
          found.length > 0
            ? ` and reaches a backend (${[...new Set(types)].join(", ")} integration)`
            : " and no MOCK integration of it is in the stack";
        report(
          `${r.name} (${asString(r.props["httpMethod"]) ?? "?"}) has authorization NONE${key}${reaches}: use AWS_IAM, COGNITO_USER_POOLS or a CUSTOM authorizer.`,
          r.urn,
        );
      },
    );
  },
});
