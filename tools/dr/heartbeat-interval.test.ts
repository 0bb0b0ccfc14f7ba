import assert from "node:assert/strict";
import { readHeartbeatJob } from "../../services/dr/heartbeat-job";
import { parseStackConfig } from "../../stacks/config";
import { listStacks, readStackConfig } from "../../stacks/offline/stack-file";

describe("dr-heartbeat job", () => {
  for (const stack of listStacks()) {
    it(`should run at platform:dr.heartbeatIntervalSeconds of the ${stack} stack, which the RPO model counts`, async () => {
      const config = parseStackConfig("platform", stack, readStackConfig(stack));
      assert.equal((await readHeartbeatJob()).intervalSeconds, config.dr.heartbeatIntervalSeconds);
    });
  }

  it("should target the database the stacks use", async () => {
    assert.equal((await readHeartbeatJob()).database, "fx");
  });
});
