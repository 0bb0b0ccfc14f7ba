import assert from "node:assert/strict";
import { drillVerdict, promotionSteps, runDrill, type DrillResult } from "./drill";

describe("dr drill", () => {
  describe("short form (1 s of load, 1 s heartbeat)", () => {
    let result: DrillResult;
    const lines: string[] = [];
    before(async function () {
      this.timeout(120_000);
      result = await runDrill({
        loadSeconds: 1,
        heartbeatSeconds: 1,
        clients: 3,
        stack: "prod",
        log: (l) => lines.push(l),
      });
    });

    it("should book orders on the primary before the kill", async () => {
      assert.ok(result.acknowledged > 0, lines.join("\n"));
    });

    it("should run the runbook's primary-down block through the CLI in its order", async () => {
      assert.deepEqual(
        result.commands.map((c) => c.argv[0]),
        ["lag", "promote", "verify"],
      );
    });

    it("should end with a standby that books orders and whose ledger verifies", async () => {
      assert.deepEqual(
        [result.ledgerValid, result.ledgerEntries > result.acknowledged - result.missingOnStandby],
        [true, true],
        lines.join("\n"),
      );
    });

    it("should measure an RPO within the prod objective", async () => {
      assert.ok(result.rpoSeconds <= result.objectives.rpoSeconds && result.withinObjectives, lines.join("\n"));
    });

    it("should print the four measured figures", async () => {
      const text = lines.join("\n");
      for (const figure of [
        "missing on the standby:",
        "RPO:",
        "kill → a standby that books orders:",
        "ledger verification on the standby:",
      ])
        assert.ok(text.includes(figure), figure);
    });
  });

  describe("drillVerdict", () => {
    const objectives = { rpoSeconds: 300, promotionSeconds: 300 };
    it("should pass figures within the objectives", async () => {
      assert.deepEqual(drillVerdict({ rpoSeconds: 1, rtoLocalSeconds: 2, ledgerValid: true }, objectives), []);
    });

    it("should name the RPO when it is over", async () => {
      assert.match(
        drillVerdict({ rpoSeconds: 301, rtoLocalSeconds: 2, ledgerValid: true }, objectives)[0] ?? "",
        /^RPO 301\.0 s is over the objective of 300 s \(platform:dr\.rpoMinutes\)$/,
      );
    });

    it("should name the promotion budget when kill to booking is over", async () => {
      assert.match(
        drillVerdict({ rpoSeconds: 1, rtoLocalSeconds: 301, ledgerValid: true }, objectives)[0] ?? "",
        /promotion budget of 300 s \(platform:dr\.promotionMinutes\)$/,
      );
    });

    it("should fail a ledger that does not verify", async () => {
      assert.deepEqual(drillVerdict({ rpoSeconds: 1, rtoLocalSeconds: 1, ledgerValid: false }, objectives), [
        "the standby's ledger does not verify",
      ]);
    });
  });

  describe("promotionSteps", () => {
    it("should read the runbook's block with the standby only and tolerate only lag's documented exit 1", async () => {
      const steps = promotionSteps({ STANDBY_DATABASE_URL: "postgres://x" });
      assert.deepEqual(
        steps.map((s) => [s.argv.join(" "), s.mayFail]),
        [
          ["lag --standby-only --max-lag-seconds 300", true],
          ["promote --standby-only", false],
          ["verify --expect promoted --standby-only", false],
        ],
      );
    });
  });
});
