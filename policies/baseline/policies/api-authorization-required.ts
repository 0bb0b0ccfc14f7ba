import { asString, forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const METHOD = "aws:apigateway/method:Method";
const ROUTE = "aws:apigatewayv2/route:Route";

export const apiAuthorizationRequired = resourcePolicy({
  name: "api-authorization-required",
  description:
    "API Gateway methods and routes require an authorizer (IAM, Cognito, JWT or a Lambda " +
    "authorizer); an API key alone is not authorization. CORS preflight (OPTIONS) is exempt.",
  enforcementLevel: "mandatory",
  pci: ["7.2.1", "8.2.1", "8.3.1"],
  resourceTypes: [METHOD, ROUTE],
  fix:
    'Set authorization to "AWS_IAM", "COGNITO_USER_POOLS" or "CUSTOM" with an authorizerId ' +
    "(HTTP APIs: authorizationType JWT, AWS_IAM or CUSTOM); waive a deliberately public method " +
    "(a health probe) with a reason.",
  covers: {
    checkov: ["CKV_AWS_59", "CKV2_AWS_70", "CKV_AWS_309"],
    cdkNag: ["AwsSolutions-APIG4", "AwsSolutions-COG4"],
  },
  configSchema: { properties: {} },
  validateResource: forTypes([METHOD, ROUTE], (props, args, report) => {
    if (args.type === METHOD) {
      if (asString(props["httpMethod"])?.toUpperCase() === "OPTIONS") return;
      const auth = asString(props["authorization"])?.toUpperCase() ?? "NONE";
      if (auth === "NONE") {
        const key =
          props["apiKeyRequired"] === true ? " (an API key identifies a client but does not authorize it)" : "";
        report(
          `${args.name} (${asString(props["httpMethod"]) ?? "?"}) has authorization NONE${key}: use AWS_IAM, COGNITO_USER_POOLS or a CUSTOM authorizer.`,
        );
      }
      return;
    }
    if (asString(props["routeKey"])?.startsWith("OPTIONS ")) return;
    const auth = asString(props["authorizationType"])?.toUpperCase() ?? "NONE";
    if (auth === "NONE")
      report(
        `Route ${asString(props["routeKey"]) ?? args.name} has no authorizer: set authorizationType to JWT, AWS_IAM or CUSTOM.`,
      );
  }),
});
