import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../offline/stack-file";
import {
  FAILOVER_RUNBOOK,
  renderFailoverRunbook,
  stackTimeline,
  TIMELINE_END,
  TIMELINE_START,
  withTimeline,
} from "./failover-timeline";

describe("failover runbook timeline", () => {
  it("should be up to date with the prod stack's platform:dr config (run npm run docs)", async () => {
    assert.equal(readFileSync(join(PROJECT_ROOT, FAILOVER_RUNBOOK), "utf8"), renderFailoverRunbook());
  });

  it("should add up to the total it prints for the prod stack", async () => {
    const timeline = stackTimeline("prod");
    const budgets = [...timeline.matchAll(/^\| [^*|][^|]* \| (\d+) s \|/gm)].map((m) => Number(m[1]));
    const total = Number(/\| \*\*Total\*\* \| \*\*(\d+) s/.exec(timeline)?.[1]);
    assert.equal(budgets.length, 6);
    assert.equal(
      budgets.reduce((a, b) => a + b, 0),
      total,
    );
  });

  it("should replace only the text between the markers", async () => {
    assert.equal(
      withTimeline(`a\n${TIMELINE_START}\nold\n${TIMELINE_END}\nb`, "new"),
      `a\n${TIMELINE_START}\nnew\n${TIMELINE_END}\nb`,
    );
  });

  it("should refuse a runbook without the markers", async () => {
    assert.throws(() => withTimeline("no markers", "x"), /lacks the timeline markers/);
  });
});
