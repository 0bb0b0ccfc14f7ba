/**
 * TLS floors (PCI DSS 4.2.1: strong cryptography in transit), defined once: the components set
 * these, the encryption pack's messages name them.
 */

/** API Gateway custom-domain security policies the platform uses: TLS 1.2 minimum (TLS_1_0 is the only older one). */
export const API_GATEWAY_TLS_POLICIES = ["TLS_1_2", "SecurityPolicy_TLS13_1_2_2021_06"] as const;
export type ApiGatewayTlsPolicy = (typeof API_GATEWAY_TLS_POLICIES)[number];
export const DEFAULT_API_GATEWAY_TLS_POLICY: ApiGatewayTlsPolicy = "TLS_1_2";

/** Azure's minimum TLS version setting (storage accounts, Key Vault, PostgreSQL, App Service). */
export const AZURE_MIN_TLS_VERSION = "TLS1_2";
