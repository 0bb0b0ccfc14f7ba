/**
 * A resource that is ordered after an Azure role assignment (`dependsOn`) uses that role when it
 * is created: a storage account or PostgreSQL server unwrapping its customer-managed key, a
 * Function App reading its storage and Key Vault references, Front Door reading its certificate.
 * Azure RBAC is eventually consistent: a role assignment the API has accepted can take up to
 * about ten minutes to take effect, so the consumer created right after it fails at random
 * (KeyVaultAccessForbidden, "The server could not access the key", 403 on Key Vault references).
 * The consumer must wait for a propagation wait (`time:index/sleep:Sleep` from
 * @pulumiverse/time, `propagationWait` in components/azure/roles.ts) that itself follows the
 * assignment. A direct dependency on the assignment alone is the regression this catches.
 *
 * Sources: https://learn.microsoft.com/azure/role-based-access-control/troubleshooting
 * ("role assignment changes are not being detected": up to 10 minutes),
 * https://learn.microsoft.com/azure/storage/common/customer-managed-keys-configure-new-account,
 * issue 12 Minors ("CMK consumers created right after their role assignments").
 */
import { baseType, readConfig } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy } from "../../lib/types";
import { DependencyGraph } from "../support/graph";

const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";

const configSchema = {
  properties: {
    waitTypes: {
      type: "array" as const,
      items: { type: "string" as const },
      default: ["time:index/sleep:Sleep"],
      description: "Resource types that count as an RBAC propagation wait.",
    },
  },
};

export const azureRolePropagationWait = stackPolicy({
  name: "azure-role-propagation-wait",
  description:
    "A resource ordered after an Azure role assignment also waits for an RBAC propagation wait (time.Sleep) that follows that assignment.",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: [ROLE_ASSIGNMENT, "time:index/sleep:Sleep"],
  fix: "Create a time.Sleep after the role assignment (propagationWait in components/azure/roles.ts, triggers on the assignment ids) and put it in the consumer's dependsOn.",
  configSchema,
  validateStack: (args, report) => {
    const { waitTypes } = readConfig<{ waitTypes: readonly string[] }>(args, configSchema);
    const assignments = new Map(
      args.resources.filter((r) => baseType(r.type) === ROLE_ASSIGNMENT).map((r) => [r.urn, r]),
    );
    if (assignments.size === 0) return;
    const waits = args.resources.filter((r) => waitTypes.includes(r.type));
    const graph = new DependencyGraph(args.resources);
    const consumers = args.resources.filter(
      (r) =>
        !assignments.has(r.urn) && !waitTypes.includes(r.type) && r.dependencies.some((d) => assignments.has(d.urn)),
    );
    judgeEach(consumers, report, (consumer) => {
      const unwaited = consumer.dependencies
        .map((d) => assignments.get(d.urn))
        .filter((a) => a !== undefined)
        .filter((a) => !waits.some((w) => graph.waitsFor(consumer, w) && graph.waitsFor(w, a)));
      if (unwaited.length === 0) return;
      report(
        `${consumer.name} is created right after the role assignment${unwaited.length === 1 ? "" : "s"} ` +
          `${unwaited.map((a) => a.name).join(", ")}, but Azure RBAC propagates eventually (up to about ten ` +
          `minutes), so it can fail with a 403 on its first create: put a ${waitTypes.join(" or ")} that ` +
          `depends on ${unwaited.length === 1 ? "it" : "them"} (propagationWait, components/azure/roles.ts) ` +
          `in ${consumer.name}'s dependsOn.`,
        consumer.urn,
      );
    });
  },
});
