/**
 * A REST API keeps its default `https://{id}.execute-api.{region}.amazonaws.com` endpoint unless
 * `disableExecuteApiEndpoint` is set, and that endpoint negotiates the API's own security policy,
 * the legacy TLS_1_0 one when none is set. Clients can then reach the API over TLS 1.0 and
 * around the custom domain's TLS 1.2 policy, WAF-free paths included (PCI DSS 4.2.1). Disable
 * the default endpoint, or give the API itself a TLS 1.2+ securityPolicy.
 *
 * Sources: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html
 * (legacy TLS_1_0/TLS_1_2 and enhanced SecurityPolicy_* policies; "If you disable the default API
 * endpoint, this might affect how callers can invoke your API"), @pulumi/aws apigateway/restApi.d.ts
 * (disableExecuteApiEndpoint defaults to false; securityPolicy), issue 11 Found 8.
 */
import { asString, forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const REST_API = "aws:apigateway/restApi:RestApi";

/** TLS_1_2 and every enhanced policy (all TLS 1.2 or newer); TLS_1_0 or none is weak. */
export function isTls12OrNewer(policy: string | undefined): boolean {
  return policy === "TLS_1_2" || (policy?.startsWith("SecurityPolicy_") ?? false);
}

export const apiGatewayDefaultEndpoint = resourcePolicy({
  name: "api-gateway-default-endpoint",
  description:
    "REST APIs either disable the default execute-api endpoint or give it a TLS 1.2+ security " +
    "policy, so no client negotiates TLS 1.0 around the custom domain.",
  enforcementLevel: "mandatory",
  pci: ["4.2.1"],
  resourceTypes: [REST_API],
  fix:
    "Set disableExecuteApiEndpoint: true on the aws.apigateway.RestApi (clients use the custom " +
    'domain), or securityPolicy: "TLS_1_2" (or a SecurityPolicy_* policy with ' +
    "endpointAccessMode).",
  configSchema: { properties: {} },
  validateResource: forTypes([REST_API], (props, _args, report) => {
    if (props["disableExecuteApiEndpoint"] === true) return;
    const policy = asString(props["securityPolicy"]);
    if (isTls12OrNewer(policy)) return;
    report(
      `The default execute-api endpoint stays enabled with securityPolicy ` +
        `${policy ?? "unset (TLS_1_0)"}, so it accepts TLS 1.0: set disableExecuteApiEndpoint: ` +
        `true and call the API through its custom domain, or set securityPolicy "TLS_1_2".`,
    );
  }),
});
