/**
 * TLS floors (PCI DSS 4.2.1: strong cryptography in transit), defined once: the components set
 * these, the encryption pack's messages name them.
 */

/**
 * API Gateway security policies (REST APIs and custom domains) the platform uses: TLS 1.2
 * minimum (TLS_1_0 is the only older one). TLS_1_2 is legacy; every SecurityPolicy_* one is
 * enhanced and needs an endpoint access mode on the same resource
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies.html).
 */
export const API_GATEWAY_TLS_POLICIES = [
  "TLS_1_2",
  "SecurityPolicy_TLS13_1_3_2025_09",
  "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
  "SecurityPolicy_TLS13_1_2_2021_06",
] as const;
/**
 * API Gateway security policies that accept TLS 1.3 only (`SecurityPolicy_TLS13_1_3_*`: minimum
 * and maximum 1.3). Route 53's HTTPS health checkers need TLS 1.0, 1.1 or 1.2 on the endpoint
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html, Type), so a
 * probed domain must not use one of these.
 */
export function isTls13OnlyApiGatewayPolicy(policy: string): boolean {
  return /^SecurityPolicy_TLS13_1_3_/.test(policy);
}
/** Azure Front Door's minimum TLS setting that shuts out TLS 1.2 clients (AfdMinimumTlsVersion). */
export const AFD_TLS13_ONLY = "TLS13";
/** Endpoint access modes of enhanced policies: STRICT (SNI must match the host; recommended) or BASIC. */
export const API_GATEWAY_ENDPOINT_ACCESS_MODES = ["STRICT", "BASIC"] as const;
export type ApiGatewayTlsPolicy = (typeof API_GATEWAY_TLS_POLICIES)[number];
export const DEFAULT_API_GATEWAY_TLS_POLICY: ApiGatewayTlsPolicy = "TLS_1_2";

/** Azure's minimum TLS version setting (storage accounts, Key Vault, PostgreSQL, App Service). */
export const AZURE_MIN_TLS_VERSION = "TLS1_2";
