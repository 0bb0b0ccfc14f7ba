import assert from "node:assert/strict";
import { FLEX_REJECTED_SITE_CONFIG } from "../../platform-rules/flex-consumption";
import { runProgram, type RecordedPlan } from "../testing/harness";
import { StandbyFrontDoor } from "./front-door";
import { originLockProperties, originLockTemplate } from "./origin-lock";

const TAGS = {
  Environment: "prod",
  CostCenter: "FX-TRADING-1001",
  Owner: "platform-engineering",
  Compliance: "PCI-DSS",
  DataClassification: "confidential",
};
const frontDoor = (): Promise<RecordedPlan> =>
  runProgram(
    () =>
      new StandbyFrontDoor("fd", {
        resourceGroupName: "rg",
        tags: TAGS,
        subscriptionId: "00000000-0000-0000-0000-000000000000",
        wafPolicyName: "fxprodwaf",
        originHostName: "app.azurewebsites.net",
        originAppName: "app",
        healthPath: "/health",
        workspaceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w",
      }),
  );
const web = originLockProperties("[parameters('frontDoorId')]");
type Rule = { action: string; tag: string; ipAddress: string; headers: Record<string, string[]> };

describe("StandbyFrontDoor origin lock", () => {
  it("should admit only the AzureFrontDoor.Backend service tag carrying this profile's X-Azure-FDID", async () => {
    const rules = web.ipSecurityRestrictions as Rule[];
    assert.deepEqual(
      rules.map((r) => [r.action, r.tag, r.ipAddress, r.headers["x-azure-fdid"]]),
      [["Allow", "ServiceTag", "AzureFrontDoor.Backend", ["[parameters('frontDoorId')]"]]],
    );
  });

  it("should deny every other caller of the site by default", async () => {
    assert.equal(web.ipSecurityRestrictionsDefaultAction, "Deny");
  });

  it("should give SCM its own empty list that denies by default, so only CI's temporary rule opens it", async () => {
    assert.deepEqual(
      [web.scmIpSecurityRestrictionsUseMain, web.scmIpSecurityRestrictions, web.scmIpSecurityRestrictionsDefaultAction],
      [false, [], "Deny"],
    );
  });

  it("should require TLS 1.2 on the site and on SCM, with HTTP/2 on and remote debugging off", async () => {
    assert.deepEqual(
      [web.minTlsVersion, web.scmMinTlsVersion, web.http20Enabled, web.remoteDebuggingEnabled],
      ["1.2", "1.2", true, false],
    );
  });

  it("should write none of the properties ARM rejects on Flex Consumption sites", async () => {
    assert.deepEqual(
      Object.keys(web).filter((k) => (FLEX_REJECTED_SITE_CONFIG as readonly string[]).includes(k)),
      [],
    );
  });

  it("should write only the site's config/web, named from the siteName parameter", async () => {
    const resources = originLockTemplate().resources as { type: string; name: string }[];
    assert.deepEqual(
      resources.map((r) => [r.type, r.name]),
      [["Microsoft.Web/sites/config", "[format('{0}/web', parameters('siteName'))]"]],
    );
  });

  it("should deploy incrementally, since Complete mode deletes everything else in the resource group", async () => {
    const lock = (await frontDoor()).one("azure-native:resources:Deployment");
    assert.equal((lock.inputs.properties as { mode: string }).mode, "Incremental");
  });

  it("should pass the app's name and the profile's Front Door id as the template's parameters", async () => {
    const plan = await frontDoor();
    const lock = plan.one("azure-native:resources:Deployment");
    const parameters = (lock.inputs.properties as { parameters: Record<string, { value: unknown }> }).parameters;
    assert.deepEqual(
      [
        parameters.siteName.value,
        lock.propertyDependencies.properties?.includes(plan.one("azure-native:cdn:Profile").urn),
      ],
      ["app", true],
    );
  });

  it("should lock the origin only after Front Door's route to it exists", async () => {
    const plan = await frontDoor();
    const lock = plan.one("azure-native:resources:Deployment");
    assert.ok(lock.dependencies.includes(plan.one("azure-native:cdn:Route").urn));
  });
});
