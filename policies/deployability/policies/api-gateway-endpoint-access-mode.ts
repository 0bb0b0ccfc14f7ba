/**
 * API Gateway's enhanced security policies (every name starting with `SecurityPolicy_`) require an
 * endpoint access mode: "When you use an enhanced security policy, you must also set the endpoint
 * access mode" (BASIC or STRICT), on a custom domain name and on a REST API alike; the create or
 * update call is refused without it.
 *
 * Sources: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html#apigateway-security-policies-endpoint-access-mode,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html,
 * @pulumi/aws apigateway/restApi.d.ts ("required when one of those values is configured"),
 * issue 11 Found 12.
 */
import { asString, forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const TYPES = ["aws:apigateway/domainName:DomainName", "aws:apigateway/restApi:RestApi"];
export const ENDPOINT_ACCESS_MODES = ["BASIC", "STRICT"] as const;

export const apiGatewayEndpointAccessMode = resourcePolicy({
  name: "api-gateway-endpoint-access-mode",
  description:
    "API Gateway custom domains and REST APIs on an enhanced (SecurityPolicy_*) TLS policy set endpointAccessMode to BASIC or STRICT, as API Gateway requires.",
  enforcementLevel: "mandatory",
  pci: ["4.2.1"],
  resourceTypes: TYPES,
  fix: 'Set endpointAccessMode: "STRICT" (or "BASIC" while migrating) next to any securityPolicy that starts with SecurityPolicy_.',
  configSchema: { properties: {} },
  validateResource: forTypes(TYPES, (props, _args, report) => {
    const policy = asString(props["securityPolicy"]);
    if (!policy?.startsWith("SecurityPolicy_")) return;
    const mode = asString(props["endpointAccessMode"]);
    if (mode && (ENDPOINT_ACCESS_MODES as readonly string[]).includes(mode)) return;
    report(
      `securityPolicy ${policy} is an enhanced policy, and API Gateway refuses it without an ` +
        `endpoint access mode (endpointAccessMode ${mode ?? "unset"}): set endpointAccessMode ` +
        `"STRICT", or "BASIC" while clients migrate.`,
    );
  }),
});
