/**
 * API Gateway creates a REST method's integration response only once the method's integration
 * and the method response of that status code exist: PutIntegrationResponse fails with
 * "NotFoundException: No integration defined for method" (or "Invalid Response status code
 * specified") when it runs in parallel with them, and the provider does not retry it. An
 * integration response must therefore wait for both.
 *
 * Sources: hashicorp/terraform#6128 and #8049 (the documented depends_on),
 * carrot/terraform-api-gateway-method-module#3; node_modules/@pulumi/aws/apigateway/integrationResponse.d.ts
 * (its example sets dependsOn on the integration).
 */
import { asString, peek } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy, type PolicyResource } from "../../lib/types";
import { DependencyGraph } from "../support/graph";

const INTEGRATION = "aws:apigateway/integration:Integration";
const METHOD_RESPONSE = "aws:apigateway/methodResponse:MethodResponse";
const INTEGRATION_RESPONSE = "aws:apigateway/integrationResponse:IntegrationResponse";

const KEYS = ["restApi", "resourceId", "httpMethod"] as const;
const sameMethod = (a: PolicyResource, b: PolicyResource) =>
  KEYS.every((k) => {
    const x = asString(peek(a.props, k));
    return x !== undefined && x === asString(peek(b.props, k));
  });

export const apiGatewayIntegrationResponseOrder = stackPolicy({
  name: "api-gateway-integration-response-order",
  description:
    "A REST API integration response is created after its method's integration and the method response of its status code.",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: [INTEGRATION, METHOD_RESPONSE, INTEGRATION_RESPONSE],
  fix: "Take the integration response's httpMethod from the integration and its statusCode from the method response, or add both to its dependsOn.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const graph = new DependencyGraph(args.resources);
    judgeEach(
      args.resources.filter((r) => r.type === INTEGRATION_RESPONSE),
      report,
      (r) => {
        const status = asString(r.props["statusCode"]);
        const missing = [
          ...args.resources
            .filter((i) => i.type === INTEGRATION && sameMethod(i, r) && !graph.waitsFor(r, i))
            .map((i) => `the integration ${i.name}`),
          ...args.resources
            .filter(
              (m) =>
                m.type === METHOD_RESPONSE &&
                sameMethod(m, r) &&
                asString(peek(m.props, "statusCode")) === status &&
                !graph.waitsFor(r, m),
            )
            .map((m) => `the method response ${m.name}`),
        ];
        if (missing.length > 0)
          report(
            `${r.name} may be created before ${missing.join(" and ")}: PutIntegrationResponse then fails ` +
              `("NotFoundException: No integration defined for method"). Make it depend on them.`,
            r.urn,
          );
      },
    );
  },
});
