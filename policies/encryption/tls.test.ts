import { describeCases } from "../testing/cases";
import { resource } from "../testing/fixtures";

const LISTENER = "aws:lb/listener:Listener";

describeCases("api-gateway-tls", [
  {
    should: "pass a REST custom domain on TLS_1_2",
    resources: [resource("aws:apigateway/domainName:DomainName", "d", { securityPolicy: "TLS_1_2" })],
    violation: null,
  },
  {
    should: "pass a REST custom domain on a TLS 1.3 policy",
    resources: [
      resource("aws:apigateway/domainName:DomainName", "d", { securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09" }),
    ],
    violation: null,
  },
  {
    should: "report a REST custom domain on TLS_1_0",
    resources: [resource("aws:apigateway/domainName:DomainName", "d", { securityPolicy: "TLS_1_0" })],
    violation: /securityPolicy TLS_1_0/,
  },
  {
    should: "report a REST custom domain that leaves the policy unset",
    resources: [resource("aws:apigateway/domainName:DomainName", "d", {})],
    violation: /securityPolicy unset/,
  },
  {
    should: "pass an HTTP API domain on TLS_1_2",
    resources: [
      resource("aws:apigatewayv2/domainName:DomainName", "d", {
        domainNameConfiguration: { securityPolicy: "TLS_1_2" },
      }),
    ],
    violation: null,
  },
  {
    should: "report an HTTP API domain on TLS_1_0",
    resources: [
      resource("aws:apigatewayv2/domainName:DomainName", "d", {
        domainNameConfiguration: { securityPolicy: "TLS_1_0" },
      }),
    ],
    violation: /older than 1.2/,
  },
]);

describeCases("load-balancer-tls", [
  {
    should: "pass an HTTPS listener on a TLS 1.3 policy",
    resources: [resource(LISTENER, "l", { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" })],
    violation: null,
  },
  {
    should: "report an HTTPS listener on the 2016 default policy",
    resources: [resource(LISTENER, "l", { protocol: "HTTPS" })],
    violation: /ELBSecurityPolicy-2016-08/,
  },
  {
    should: "report a TLS listener on a TLS 1.0 policy",
    resources: [
      resource("aws:alb/listener:Listener", "l", { protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS-1-0-2015-04" }),
    ],
    violation: /older than 1.2/,
  },
  {
    should: "pass an HTTP listener that only redirects to HTTPS",
    resources: [
      resource(LISTENER, "l", {
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      }),
    ],
    violation: null,
  },
  {
    should: "report an HTTP listener that forwards traffic",
    resources: [
      resource(LISTENER, "l", { protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: "arn" }] }),
    ],
    violation: /clear text/,
  },
  {
    should: "leave TCP listeners alone",
    resources: [resource(LISTENER, "l", { protocol: "TCP", defaultActions: [{ type: "forward" }] })],
    violation: null,
  },
]);
