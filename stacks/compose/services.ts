/** Lambda services, API Gateway, WAF, messaging and alarms (issue #5). */
import * as pulumi from "@pulumi/pulumi";
import type { CoreOutputs, ServicesOutputs, StackContext } from "./contracts";

// Placeholder until the service components land.
export function composeServices(_ctx: StackContext, _core: CoreOutputs): ServicesOutputs & { exports: Record<string, unknown> } {
  const empty = pulumi.output("");
  return { apiUrl: empty, apiHealthCheckFqdn: empty, auditTopicArn: empty, alarmTopicArn: empty, exports: {} };
}
