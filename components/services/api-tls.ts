/**
 * TLS security policies of API Gateway REST APIs and custom domains, and the endpoint access
 * mode the enhanced ones require. `TLS_1_0` and `TLS_1_2` are the legacy policies; every
 * `SecurityPolicy_*` one is enhanced and needs `endpointAccessMode` (BASIC or STRICT) on the
 * same resource, or CreateDomainName/CreateRestApi refuses it:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html
 * (node_modules/@pulumi/aws/apigateway/restApi.d.ts: "required when one of those values is configured").
 * When a custom domain is invoked, API Gateway negotiates TLS with the API's own policy, so
 * the API and its domains get the same one.
 */
import {
  API_GATEWAY_ENDPOINT_ACCESS_MODES as ENDPOINT_ACCESS_MODES,
  API_GATEWAY_TLS_POLICIES as API_TLS_POLICIES,
  DEFAULT_API_GATEWAY_TLS_POLICY,
  type ApiGatewayTlsPolicy as ApiTlsPolicy,
} from "../../platform-rules/tls";
import type { Problems } from "../common";

export { API_TLS_POLICIES, ENDPOINT_ACCESS_MODES, type ApiTlsPolicy };
export type EndpointAccessMode = (typeof ENDPOINT_ACCESS_MODES)[number];

export const isEnhanced = (policy: string): boolean => policy.startsWith("SecurityPolicy_");

/**
 * The API Gateway properties for a policy: the policy, and the access mode only with an
 * enhanced one (STRICT unless told: SNI must match the host, requests only through this
 * endpoint type; the docs recommend it).
 */
export function tlsProperties(
  policy: ApiTlsPolicy = DEFAULT_API_GATEWAY_TLS_POLICY,
  mode?: EndpointAccessMode,
): { securityPolicy: string; endpointAccessMode?: string } {
  return isEnhanced(policy)
    ? { securityPolicy: policy, endpointAccessMode: mode ?? "STRICT" }
    : { securityPolicy: policy };
}

/** Adds the problems of a securityPolicy / endpointAccessMode pair to `p`. */
export function addTlsProblems(p: Problems, policy: string | undefined, mode: string | undefined): void {
  if (policy !== undefined && !(API_TLS_POLICIES as readonly string[]).includes(policy)) {
    p.add(
      "securityPolicy",
      `expected one of ${API_TLS_POLICIES.join(", ")} (TLS 1.2 minimum, PCI DSS 4.2.1); got ${JSON.stringify(policy)}`,
    );
  }
  if (mode !== undefined && !(ENDPOINT_ACCESS_MODES as readonly string[]).includes(mode)) {
    p.add("endpointAccessMode", `expected STRICT or BASIC; got ${JSON.stringify(mode)}`);
  } else if (mode !== undefined && !isEnhanced(policy ?? DEFAULT_API_GATEWAY_TLS_POLICY)) {
    p.add(
      "endpointAccessMode",
      `applies only to SecurityPolicy_* policies; ${policy ?? DEFAULT_API_GATEWAY_TLS_POLICY} is a legacy policy`,
    );
  }
}
