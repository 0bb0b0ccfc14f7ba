/**
 * SNS active tracing sends segments to X-Ray as the SNS service, which X-Ray accepts only with a
 * resource-based policy allowing sns.amazonaws.com xray:PutTraceSegments (and
 * xray:GetSamplingRules, xray:GetSamplingTargets). Without one, SetTopicAttributes
 * TracingConfig=Active is refused or traces silently go missing.
 *
 * Sources: https://docs.aws.amazon.com/sns/latest/dg/sns-active-tracing.html ("you must add
 * permissions ... X-Ray resource-based policy"), https://docs.aws.amazon.com/xray/latest/devguide/xray-services-sns.html,
 * issue 11 Found 12.
 */
import { asString, peek } from "../../lib/props";
import { stackPolicy } from "../../lib/types";
import { servicePrincipals, statements } from "../support/documents";

const TOPIC = "aws:sns/topic:Topic";
const XRAY_POLICY = "aws:xray/resourcePolicy:ResourcePolicy";

/** True when a document allows sns.amazonaws.com to put trace segments. */
export function allowsSnsTracing(document: unknown): boolean {
  return statements(document).some(
    (s) =>
      s.effect === "Allow" &&
      servicePrincipals(s).includes("sns.amazonaws.com") &&
      s.actions.some((a) => ["xray:puttracesegments", "xray:*"].includes(a.toLowerCase())),
  );
}

export const snsTracingXrayPolicy = stackPolicy({
  name: "sns-tracing-xray-policy",
  description:
    "SNS topics with active tracing come with an X-Ray resource policy that lets sns.amazonaws.com send trace segments.",
  enforcementLevel: "mandatory",
  pci: ["10.2.1"],
  resourceTypes: [TOPIC, XRAY_POLICY],
  fix:
    'Add an aws.xray.ResourcePolicy allowing Principal { Service: "sns.amazonaws.com" } ' +
    "xray:PutTraceSegments, xray:GetSamplingRules and xray:GetSamplingTargets (condition " +
    "aws:SourceAccount), or turn tracingConfig off.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const traced = args.resources.filter(
      (r) => r.type === TOPIC && asString(peek(r.props, "tracingConfig")) === "Active",
    );
    if (traced.length === 0) return;
    const ok = args.resources.some((r) => r.type === XRAY_POLICY && allowsSnsTracing(peek(r.props, "policyDocument")));
    if (ok) return;
    for (const topic of traced) {
      report(
        `${topic.name} sets tracingConfig Active, but no aws.xray.ResourcePolicy lets ` +
          `sns.amazonaws.com call xray:PutTraceSegments: add one (or turn tracing off).`,
        topic.urn,
      );
    }
  },
});
