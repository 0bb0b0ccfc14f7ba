import { judgeEach } from "../../lib/judge";
import { linkedThrough, peek } from "../../lib/props";
import { stackPolicy } from "../../lib/types";

const ACL = "aws:wafv2/webAcl:WebAcl";
const LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

export const wafLogging = stackPolicy({
  name: "waf-logging",
  description: "Every WAFv2 web ACL has a logging configuration.",
  enforcementLevel: "mandatory",
  pci: ["10.2.1", "6.4.2"],
  resourceTypes: [ACL, LOGGING],
  fix: "Add an aws.wafv2.WebAclLoggingConfiguration with resourceArn the ACL's arn and a log destination (a log group named aws-waf-logs-*).",
  covers: { checkov: ["CKV2_AWS_31", "CKV_AWS_176"], cdkNag: ["PCIDSS321WAFv2LoggingEnabled"] },
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const logging = args.resources.filter((r) => r.type === LOGGING);
    judgeEach(
      args.resources.filter((r) => r.type === ACL),
      report,
      (acl) => {
        const linked = logging.some(
          (l) => linkedThrough(l, "resourceArn", [acl], (a) => [peek(a.props, "arn")]).length > 0,
        );
        if (!linked)
          report(
            `Web ACL ${acl.name} has no logging configuration: add an aws.wafv2.WebAclLoggingConfiguration for it.`,
            acl.urn,
          );
      },
    );
  },
});
