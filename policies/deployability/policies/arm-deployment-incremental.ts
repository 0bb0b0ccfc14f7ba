/**
 * An ARM template deployment at resource-group scope runs in Incremental mode. In Complete mode
 * "Resource Manager deletes resources that exist in the resource group but aren't specified in
 * the template" (https://learn.microsoft.com/azure/azure-resource-manager/templates/deployment-modes):
 * a template that writes one site's config/web (components/azure/origin-lock.ts) would delete the
 * whole standby (server, vault, network) on its first run. The mock engine deploys nothing, so it
 * cannot tell.
 *
 * Sources: https://learn.microsoft.com/azure/azure-resource-manager/templates/deployment-modes,
 * `DeploymentMode` in node_modules/@pulumi/azure-native/types/enums/resources (Incremental | Complete).
 */
import { asObject, asString, forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const DEPLOYMENT = "azure-native:resources:Deployment";

export const armDeploymentIncremental = resourcePolicy({
  name: "arm-deployment-incremental",
  description:
    "ARM template deployments in a resource group run in Incremental mode (Complete mode deletes every resource of the group the template does not name).",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: [DEPLOYMENT],
  fix: 'Set properties.mode "Incremental" on the azure-native resources.Deployment.',
  configSchema: { properties: {} },
  validateResource: forTypes([DEPLOYMENT], (props, _args, report) => {
    const mode = asString(asObject(props["properties"])?.["mode"]);
    if (mode?.toLowerCase() !== "incremental")
      report(
        `properties.mode is ${mode ?? "unset"}: in Complete mode ARM deletes every resource of the resource group ` +
          `that the template does not name; set mode "Incremental".`,
      );
  }),
});
