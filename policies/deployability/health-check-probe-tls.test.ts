import { resource } from "../testing/fixtures";
import { describeCases } from "./testing";

const probe = (fqdn: string, type = "HTTPS") =>
  resource("aws:route53/healthCheck:HealthCheck", "primary-check", { type, fqdn, port: 443, resourcePath: "/health" });
const apiDomain = (securityPolicy: string, domainName = "api-origin.fx.example.com") =>
  resource("aws:apigateway/domainName:DomainName", "origin-domain", {
    domainName,
    securityPolicy,
    ...(securityPolicy.startsWith("SecurityPolicy_") ? { endpointAccessMode: "STRICT" } : {}),
  });
const afdDomain = (minimumTlsVersion: string) =>
  resource("azure-native:cdn:AFDCustomDomain", "standby-domain", {
    hostName: "dr.fx.example.com",
    tlsSettings: { certificateType: "CustomerCertificate", minimumTlsVersion },
  });

describeCases("health-check-probe-tls", [
  {
    should: "report an HTTPS probe of an API Gateway domain whose security policy is TLS 1.3 only",
    resources: [probe("api-origin.fx.example.com"), apiDomain("SecurityPolicy_TLS13_1_3_2025_09")],
    violations: [
      /primary-check probes api-origin\.fx\.example\.com over HTTPS, but API Gateway domain origin-domain has securityPolicy SecurityPolicy_TLS13_1_3_2025_09 \(TLS 1\.3 only\)/,
    ],
  },
  {
    should: "report an HTTPS_STR_MATCH probe too, whatever the case of the name",
    resources: [probe("API-Origin.fx.example.com", "HTTPS_STR_MATCH"), apiDomain("SecurityPolicy_TLS13_1_3_2025_09")],
    violations: [/Route 53's health checkers need TLS 1\.0, 1\.1 or 1\.2/],
  },
  {
    should: "report an HTTPS probe of a Front Door domain with minimumTlsVersion TLS13",
    resources: [probe("dr.fx.example.com"), afdDomain("TLS13")],
    violations: [/Front Door domain standby-domain has minimumTlsVersion TLS13/],
  },
  {
    should: "pass a probed domain whose policy still accepts TLS 1.2",
    resources: [
      probe("api-origin.fx.example.com"),
      apiDomain("SecurityPolicy_TLS13_1_2_2021_06"),
      { ...probe("dr.fx.example.com"), urn: "urn:c2", name: "c2" },
      afdDomain("TLS12"),
    ],
    violations: [],
  },
  {
    should: "pass a TLS 1.3-only domain that no health check probes",
    resources: [
      probe("api-origin.fx.example.com"),
      apiDomain("SecurityPolicy_TLS13_1_3_2025_09", "api.fx.example.com"),
    ],
    violations: [],
  },
  {
    should: "pass an HTTP probe, which has no TLS",
    resources: [probe("api-origin.fx.example.com", "HTTP"), apiDomain("SecurityPolicy_TLS13_1_3_2025_09")],
    violations: [],
  },
]);
