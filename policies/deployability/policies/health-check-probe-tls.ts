/**
 * Route 53's HTTPS health checkers speak TLS 1.0, 1.1 or 1.2 only: "If you specify HTTPS for the
 * value of Type, the endpoint must support TLS v1.0, v1.1, or v1.2." A probed domain whose TLS
 * floor is 1.3 (an API Gateway custom domain with a `SecurityPolicy_TLS13_1_3_*` policy, or a Front
 * Door custom domain with minimumTlsVersion TLS13) fails every probe: the PRIMARY record turns
 * unhealthy on a working API, and a standby probe alarms forever. The mock engine cannot tell;
 * platform-rules/tls.ts allows those policies for domains nothing probes.
 *
 * Sources: https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
 * (Type: HTTPS), https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html
 * (SecurityPolicy_TLS13_1_3_2025_09: TLS 1.3 only), `AfdMinimumTlsVersion` in
 * node_modules/@pulumi/azure-native/types/enums/cdn (TLS10 | TLS12 | TLS13).
 */
import { AFD_TLS13_ONLY, isTls13OnlyApiGatewayPolicy } from "../../../platform-rules/tls";
import { judgeEach } from "../../lib/judge";
import { asObject, asString } from "../../lib/props";
import { stackPolicy } from "../../lib/types";

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const API_DOMAIN = "aws:apigateway/domainName:DomainName";
const AFD_DOMAIN = "azure-native:cdn:AFDCustomDomain";
const HTTPS_TYPES = new Set(["HTTPS", "HTTPS_STR_MATCH"]);

export const healthCheckProbeTls = stackPolicy({
  name: "health-check-probe-tls",
  description:
    "Domains a Route 53 HTTPS health check probes accept TLS 1.2 (Route 53's checkers speak TLS 1.0-1.2 only).",
  enforcementLevel: "mandatory",
  pci: ["4.2.1"],
  resourceTypes: [`${HEALTH_CHECK} (HTTPS, HTTPS_STR_MATCH)`, API_DOMAIN, AFD_DOMAIN],
  fix: "Give a probed domain a security policy that still accepts TLS 1.2 (TLS_1_2 or SecurityPolicy_TLS13_1_2_*; Front Door minimumTlsVersion TLS12), or probe another name.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    // Domain name (lower case) → what its TLS floor is, for the domains whose floor is TLS 1.3.
    const tls13Only = new Map<string, string>();
    for (const r of args.resources) {
      if (r.type === API_DOMAIN) {
        const name = asString(r.props["domainName"]);
        const policy = asString(r.props["securityPolicy"]);
        if (name && policy && isTls13OnlyApiGatewayPolicy(policy))
          tls13Only.set(name.toLowerCase(), `API Gateway domain ${r.name} has securityPolicy ${policy}`);
      } else if (r.type === AFD_DOMAIN) {
        const name = asString(r.props["hostName"]);
        const min = asString(asObject(r.props["tlsSettings"])?.["minimumTlsVersion"]);
        if (name && min === AFD_TLS13_ONLY)
          tls13Only.set(name.toLowerCase(), `Front Door domain ${r.name} has minimumTlsVersion ${min}`);
      }
    }
    const probes = args.resources.filter(
      (r) => r.type === HEALTH_CHECK && HTTPS_TYPES.has(String(r.props["type"])) && asString(r.props["fqdn"]),
    );
    judgeEach(probes, report, (check) => {
      const fqdn = (asString(check.props["fqdn"]) ?? "").toLowerCase();
      const why = tls13Only.get(fqdn);
      if (why)
        report(
          `${check.name} probes ${fqdn} over HTTPS, but ${why} (TLS 1.3 only): Route 53's health checkers need ` +
            `TLS 1.0, 1.1 or 1.2, so every probe fails; use a policy that accepts TLS 1.2 on the probed name.`,
          check.urn,
        );
    });
  },
});
