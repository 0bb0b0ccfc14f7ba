import { inputsPolicy } from "../../lib/inputs-policy";
import { API_GATEWAY_TLS_POLICIES } from "../../../platform-rules/tls";
import { asString, at } from "../../lib/props";

const REST_DOMAIN = "aws:apigateway/domainName:DomainName";
const HTTP_DOMAIN = "aws:apigatewayv2/domainName:DomainName";

/** TLS_1_0 is the only pre-1.2 policy API Gateway offers; the TLS13 and PFS policies are all ≥ 1.2. */
export function isModernApiGatewayPolicy(policy: string | undefined): boolean {
  return policy !== undefined && policy !== "TLS_1_0" && /^(TLS_1_2|SecurityPolicy_TLS1[23]_)/.test(policy);
}

export const apiGatewayTls = inputsPolicy({
  name: "api-gateway-tls",
  description: "API Gateway custom domains negotiate TLS 1.2 or newer.",
  pci: ["4.2.1"],
  types: [REST_DOMAIN, HTTP_DOMAIN],
  fix: `Set securityPolicy (v2: domainNameConfiguration.securityPolicy) to ${API_GATEWAY_TLS_POLICIES.join(" or ")}.`,
  covers: { checkov: ["CKV_AWS_206"] },
  problems: (props, type) => {
    const policy = asString(
      type === REST_DOMAIN ? props["securityPolicy"] : at(props, "domainNameConfiguration.securityPolicy"),
    );
    return isModernApiGatewayPolicy(policy)
      ? []
      : [
          `Custom domain allows TLS older than 1.2 (securityPolicy ${policy ?? "unset"}): set it to ${API_GATEWAY_TLS_POLICIES.join(" or ")}.`,
        ];
  },
});
