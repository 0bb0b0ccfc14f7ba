import assert from "node:assert/strict";
// check-node.js is a plain script (npm runs it before anything can load TypeScript).
const { nodeCheck } = require("./check-node") as {
  nodeCheck: (node: string, agent?: string) => { exitCode: number; stdout: string; stderr: string };
};

describe("check-node", () => {
  it("should stop with one line naming the version and how to get Node 22 when the scripts' node is 20", async () => {
    const r = nodeCheck("v20.20.2", "npm/11.19.1 node/v20.20.2 darwin arm64");
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /^fx-platform needs Node\.js 22 or newer and found v20\.20\.2 .*nvm install 22.*\n$/);
    assert.equal(r.stderr.split("\n").length, 2);
  });

  it("should say in one line that the scripts run on Node 22 when npm itself runs on 20", async () => {
    const r = nodeCheck("v22.23.3", "npm/11.19.1 node/v20.20.2 linux x64 workspaces/false");
    assert.deepEqual([r.exitCode, r.stdout.split("\n").length], [0, 2]);
    assert.match(r.stdout, /^node v20\.20\.2 is older than 22: npm scripts here run on node v22\.23\.3/);
  });

  it("should print nothing when npm and the scripts run on Node 22", async () => {
    assert.deepEqual(nodeCheck("v22.23.3", "npm/11.19.1 node/v22.23.3 linux x64"), {
      exitCode: 0,
      stdout: "",
      stderr: "",
    });
  });
});
