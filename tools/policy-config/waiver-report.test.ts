import assert from "node:assert/strict";
import type { PlanFinding } from "../../platform-rules/plan-format";
import { renderWaivers, waiverReport } from "./waiver-report";

const URN = "urn:pulumi:prod::platform::platform:services:TradeApiGateway$aws:apigateway/method:Method::api-get-health";
const waiver = (overrides: Record<string, unknown> = {}) => ({
  resource: "api-get-health",
  reason: "Liveness probe with a fixed body",
  approver: "compliance-team (provisional)",
  expires: "2027-11-30",
  ...overrides,
});
const packConfig = (...waivers: Record<string, unknown>[]) => ({
  baseline: { all: "mandatory", "api-authorization-required": { waivers } },
  tagging: { all: "mandatory" },
});
const waived: PlanFinding = {
  pack: "baseline",
  policy: "api-authorization-required",
  enforcementLevel: "advisory",
  urn: URN,
  message: "API methods require authorization.\n[waived] api-get-health has authorization NONE. Waiver: …",
};
const NOW = new Date("2026-12-01T12:00:00Z");

describe("waiverReport", () => {
  it("should list every waiver of the pack configs with the policy it names", async () => {
    assert.deepEqual(
      waiverReport(packConfig(waiver(), waiver({ resource: "other" })), [], NOW).map(
        (w) => `${w.policy} ${w.resource}`,
      ),
      ["api-authorization-required api-get-health", "api-authorization-required other"],
    );
  });

  it("should mark a provisional approval and cap the day it holds until", async () => {
    const [w] = waiverReport(packConfig(waiver()), [], NOW);
    assert.deepEqual([w.provisional, w.expires, w.holdsUntil], [true, "2027-11-30", "2027-01-31"]);
  });

  it("should keep a named approver's expiry", async () => {
    const [w] = waiverReport(packConfig(waiver({ approver: "J. Doe, compliance-team" })), [], NOW);
    assert.deepEqual([w.provisional, w.holdsUntil], [false, "2027-11-30"]);
  });

  it("should count the findings a waiver turned advisory", async () => {
    const [w] = waiverReport(packConfig(waiver()), [waived, { ...waived, policy: "other-policy" }], NOW);
    assert.equal(w.waivedFindings, 1);
  });

  it("should mark a waiver past the day it holds as expired", async () => {
    const [w] = waiverReport(packConfig(waiver()), [], new Date("2027-02-01T00:00:00Z"));
    assert.equal(w.expired, true);
  });
});

describe("renderWaivers", () => {
  it("should say how many approvals are provisional and until when they hold", async () => {
    const text = renderWaivers(waiverReport(packConfig(waiver()), [waived], NOW)).join("\n");
    assert.match(
      text,
      /^Waivers \(platform:policyWaivers\): 1, 1 provisional \(no named person has accepted the risk; each holds at most until 2027-01-31\)/,
    );
  });

  it("should show a provisional waiver with its approver, capped day and entered expiry", async () => {
    const text = renderWaivers(waiverReport(packConfig(waiver()), [waived], NOW)).join("\n");
    assert.match(
      text,
      /\[provisional\] api-authorization-required on api-get-health: approver compliance-team \(provisional\), holds until 2027-01-31 \(entered 2027-11-30\), waives 1 finding/,
    );
  });

  it("should flag a waiver that waives nothing", async () => {
    const text = renderWaivers(waiverReport(packConfig(waiver({ approver: "J. Doe" })), [], NOW)).join("\n");
    assert.match(
      text,
      /\[waiver\] api-authorization-required on api-get-health: approver J\. Doe, holds until 2027-11-30, waives nothing \(remove it\?\)/,
    );
  });

  it("should say none when there are no waivers", async () => {
    assert.deepEqual(renderWaivers([]), ["Waivers (platform:policyWaivers): none"]);
  });
});
