import assert from "node:assert/strict";
import { runProgram } from "../testing/harness";
import { zoneRedundantPublicIp } from "./public-ip";

const common = { resourceGroupName: "rg", location: "eastus2", tags: { Environment: "prod" } };

describe("zoneRedundantPublicIp", () => {
  it("should declare a Standard, static, IPv4 address in all three zones", async () => {
    const plan = await runProgram(() => zoneRedundantPublicIp("ip", common, {}));
    const ip = plan.named("ip").inputs;
    assert.deepEqual(
      [ip.sku, ip.publicIPAllocationMethod, ip.publicIPAddressVersion, ip.zones],
      [{ name: "Standard", tier: "Regional" }, "Static", "IPv4", ["1", "2", "3"]],
    );
  });

  it("should carry the group, location and tags it is given", async () => {
    const plan = await runProgram(() => zoneRedundantPublicIp("ip", common, {}));
    const ip = plan.named("ip").inputs;
    assert.deepEqual([ip.resourceGroupName, ip.location, ip.tags], ["rg", "eastus2", { Environment: "prod" }]);
  });
});
