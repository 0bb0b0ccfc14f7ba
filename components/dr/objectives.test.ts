import assert from "node:assert/strict";
import { assessRecoveryObjectives, objectivesFromTags, objectiveTags, type RecoveryObjectivesInput } from "./objectives";

const base: RecoveryObjectivesInput = { rtoMinutes: 15, rpoMinutes: 5, promotionMinutes: 5, replicationLagAlarmSeconds: 120, healthCheckIntervalSeconds: 10, failureThreshold: 3, ttlSeconds: 60 };

describe("assessRecoveryObjectives", () => {
  it("should find no problem when the defaults fit a 15-minute RTO", async () => {
    assert.deepEqual(assessRecoveryObjectives(base).problems, []);
  });

  it("should add detection, promotion, gate and TTL into the worst case", async () => {
    assert.equal(assessRecoveryObjectives(base).worstCaseSeconds, 30 + 300 + 120 + 60);
  });

  it("should flag rtoMinutes when the budget leaves less than the promotion time", async () => {
    const { problems } = assessRecoveryObjectives({ ...base, ttlSeconds: 600 });
    assert.deepEqual(problems.map((p) => p.field), ["rtoMinutes"]);
  });

  it("should accept a budget that fits exactly", async () => {
    assert.deepEqual(assessRecoveryObjectives({ ...base, ttlSeconds: 450 }).problems, []);
  });

  it("should flag the lag threshold when its alarm fires after the RPO", async () => {
    const { problems } = assessRecoveryObjectives({ ...base, replicationLagAlarmSeconds: 241 });
    assert.match(problems[0]?.message ?? "", /set it to at most 240$/);
  });
});

describe("objectiveTags", () => {
  it("should round-trip through objectivesFromTags", async () => {
    assert.deepEqual(objectivesFromTags(objectiveTags(base)), { rtoMinutes: 15, rpoMinutes: 5, promotionMinutes: 5, replicationLagAlarmSeconds: 120 });
  });

  it("should read nothing when a tag is missing", async () => {
    const { DrRtoMinutes: _dropped, ...rest } = objectiveTags(base);
    assert.equal(objectivesFromTags(rest), undefined);
  });
});
